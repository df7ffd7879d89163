package org.pmlab.pm.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime PM helpers of include/linux/pm_runtime.h, one method each, with the kernel's
 * int results (0, 1, or a negative errno; see {@link Errno#describe(int)}). The service is
 * stateless: every call acts on the machine the device belongs to, and may be made from any
 * thread. Behaviour that changed between kernel versions follows that machine's version.
 */
@ProviderType
public interface RuntimePm {

    // usage count only

    /** {@code pm_runtime_get_noresume}: usage +1, nothing else. */
    void getNoresume(PmDevice dev);

    /** {@code pm_runtime_put_noidle}: usage -1 unless already 0, never an idle check. */
    void putNoidle(PmDevice dev);

    // get: usage +1, then resume

    /** {@code pm_runtime_get}: usage +1 (kept on failure), asynchronous resume. */
    int get(PmDevice dev);

    /** {@code pm_runtime_get_sync}: usage +1 (kept on failure), synchronous resume. */
    int getSync(PmDevice dev);

    /** {@code pm_runtime_resume_and_get}: 0 on success; on error the reference is dropped again. */
    int resumeAndGet(PmDevice dev);

    /** {@code pm_runtime_get_if_active(dev, ign_usage_count)}. */
    int getIfActive(PmDevice dev, boolean ignoreUsageCount);

    /** {@code pm_runtime_get_if_in_use}. */
    int getIfInUse(PmDevice dev);

    // put: usage -1, then idle or suspend when it reaches 0

    /**
     * {@code pm_runtime_put}: asynchronous idle when the count reaches 0. From 7.0 the kernel's
     * function returns void; the value here is then what {@code __pm_runtime_idle} returned.
     */
    int put(PmDevice dev);

    /** {@code pm_runtime_put_sync}: synchronous idle (and so suspend) when the count reaches 0. */
    int putSync(PmDevice dev);

    /**
     * {@code pm_runtime_put_autosuspend}: asynchronous autosuspend when the count reaches 0;
     * from 6.17 it marks the device busy first.
     */
    int putAutosuspend(PmDevice dev);

    /** {@code pm_runtime_put_sync_suspend}. */
    int putSyncSuspend(PmDevice dev);

    /** {@code pm_runtime_put_sync_autosuspend}. */
    int putSyncAutosuspend(PmDevice dev);

    // engines without usage change

    /** {@code pm_runtime_idle}. */
    int idle(PmDevice dev);

    /** {@code pm_request_idle}. */
    int requestIdle(PmDevice dev);

    /** {@code pm_runtime_suspend}. */
    int suspend(PmDevice dev);

    /** {@code pm_runtime_autosuspend}. */
    int autosuspend(PmDevice dev);

    /** {@code pm_request_autosuspend}. */
    int requestAutosuspend(PmDevice dev);

    /** {@code pm_schedule_suspend(dev, delay)}. */
    int scheduleSuspend(PmDevice dev, int delayMs);

    /** {@code pm_runtime_resume}. */
    int resume(PmDevice dev);

    /** {@code pm_request_resume}. */
    int requestResume(PmDevice dev);

    /**
     * {@code pm_runtime_barrier}: 1 if a pending resume had to be carried out, else 0. From 7.0
     * the kernel's function returns void ("PM: runtime: Make pm_runtime_barrier() return void").
     */
    int barrier(PmDevice dev);

    // enable, disable, allow, forbid

    /** {@code pm_runtime_enable}; warns "Unbalanced pm_runtime_enable!" when already enabled. */
    void enable(PmDevice dev);

    /** {@code pm_runtime_disable}, i.e. {@code __pm_runtime_disable(dev, true)}. */
    void disable(PmDevice dev);

    /** {@code __pm_runtime_disable(dev, checkResume)}. */
    void disable(PmDevice dev, boolean checkResume);

    /** {@code pm_runtime_allow} (what writing "auto" to power/control does). */
    void allow(PmDevice dev);

    /** {@code pm_runtime_forbid} (what writing "on" to power/control does). */
    void forbid(PmDevice dev);

    // status and configuration

    /** {@code pm_runtime_set_active}. */
    int setActive(PmDevice dev);

    /** {@code pm_runtime_set_suspended}. */
    int setSuspended(PmDevice dev);

    /** {@code pm_runtime_mark_last_busy}. */
    void markLastBusy(PmDevice dev);

    /** {@code pm_runtime_set_autosuspend_delay}. */
    void setAutosuspendDelay(PmDevice dev, int delayMs);

    /** {@code pm_runtime_use_autosuspend}. */
    void useAutosuspend(PmDevice dev);

    /** {@code pm_runtime_dont_use_autosuspend}. */
    void dontUseAutosuspend(PmDevice dev);

    /** {@code pm_runtime_no_callbacks}. */
    void noCallbacks(PmDevice dev);

    /** {@code pm_runtime_irq_safe}: takes a permanent reference on the parent. */
    void irqSafe(PmDevice dev);

    /** {@code pm_suspend_ignore_children}. */
    void suspendIgnoreChildren(PmDevice dev, boolean enable);

    // system sleep helpers (pm_runtime_force_suspend/resume, drivers/base/power/runtime.c)

    /** {@code pm_runtime_force_suspend}. */
    int forceSuspend(PmDevice dev);

    /** {@code pm_runtime_force_resume}. */
    int forceResume(PmDevice dev);

    // predicates

    /** {@code pm_runtime_enabled}. */
    boolean enabled(PmDevice dev);

    /** {@code pm_runtime_active}. */
    boolean active(PmDevice dev);

    /** {@code pm_runtime_suspended}. */
    boolean suspended(PmDevice dev);

    /** {@code pm_runtime_status_suspended}. */
    boolean statusSuspended(PmDevice dev);


    // device links (drivers/base/power/runtime.c)

    /**
     * {@code pm_runtime_get_suppliers}: resumes and references every supplier linked with
     * {@link DeviceLinkFlag#PM_RUNTIME}, as the driver core does before a probe.
     *
     * @since 1.1
     */
    void getSuppliers(PmDevice dev);

    /** {@code pm_runtime_put_suppliers}: drops only what {@link #getSuppliers} took. @since 1.1 */
    void putSuppliers(PmDevice dev);
}
