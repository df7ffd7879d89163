package org.pmlab.pm.internal;

import static org.pmlab.pm.internal.RpmFlags.ASYNC;
import static org.pmlab.pm.internal.RpmFlags.AUTO;
import static org.pmlab.pm.internal.RpmFlags.GET_PUT;

import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * The exported helpers of runtime.c and the inlines of pm_runtime.h. Stateless: each call acts
 * on the device's own machine. Reached through {@code Machine.runtimePm()}.
 */
@Kernel(file = "drivers/base/power/runtime.c")
public final class RuntimePmService implements RuntimePm {

    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EAGAIN = Errno.EAGAIN.negative();
    /** The fault point that sets {@code power.runtime_error}, declared by the device registry. */
    static final String RUNTIME_ERROR = "runtime_error";

    static RpmDevice cast(PmDevice dev) {
        if (dev instanceof RpmDevice d) {
            if (d.removed) {
                throw new IllegalArgumentException("device " + d.name() + " has been removed");
            }
            return d;
        }
        throw new IllegalArgumentException("not a device of a pmlab machine: " + dev);
    }

    /**
     * A helper's device, once a {@code runtime_error} fault armed on it has taken effect: the
     * model's way to do what the kernel's KUnit error test does with a direct write to
     * {@code dev->power.runtime_error}.
     */
    private static RpmDevice entry(PmDevice d) {
        RpmDevice dev = cast(d);
        if (dev.ctx.faults().armed()) {
            int error = dev.ctx.faults().check(dev.name(), RUNTIME_ERROR);
            if (error != 0) {
                dev.lock();
                try {
                    dev.runtimeError = error;
                } finally {
                    dev.unlock();
                }
            }
        }
        return dev;
    }

    // ---- the three entry points (__pm_runtime_idle/suspend/resume) ----

    /** {@code __pm_runtime_idle}. */
    @Kernel("__pm_runtime_idle")
    static int idleEntry(RpmDevice dev, int flags) {
        return putSideEntry(dev, flags, RpmEngine::idle);
    }

    /** {@code __pm_runtime_suspend}. */
    @Kernel("__pm_runtime_suspend")
    static int suspendEntry(RpmDevice dev, int flags) {
        return putSideEntry(dev, flags, RpmEngine::suspend);
    }

    /** The shared shape of {@code __pm_runtime_idle/suspend}: a put drops its reference first and stops while others remain. */
    private static int putSideEntry(RpmDevice dev, int flags, ToIntBiFunction<RpmDevice, Integer> engine) {
        if ((flags & GET_PUT) != 0) {
            int r = dropUsageCount(dev, flags);
            if (r != 0) {
                return r < 0 ? r : 0;
            }
        }
        dev.lock();
        try {
            return engine.applyAsInt(dev, flags);
        } finally {
            dev.unlock();
            changed(dev);
        }
    }

    /** {@code __pm_runtime_resume}: a get increments first and keeps the reference whatever happens. */
    @Kernel("__pm_runtime_resume")
    static int resumeEntry(RpmDevice dev, int flags) {
        if ((flags & GET_PUT) != 0) {
            dev.usageInc();
            if (activeWithoutSideEffects(dev)) {
                changed(dev); // the count, which the mirror shows (runtime_usage)
                return 1;
            }
        }
        dev.lock();
        try {
            return RpmEngine.resume(dev, flags);
        } finally {
            dev.unlock();
            changed(dev);
        }
    }

    /**
     * The common case of a get on a device that is already active with nothing pending: the
     * resume engine would only return 1. Read without the lock, validated like a seqlock; any
     * doubt falls back to the locked path. Not taken while anyone observes the trace, so the
     * trace shows every engine entry.
     */
    private static boolean activeWithoutSideEffects(RpmDevice dev) {
        if (dev.ctx.trace().observed()) {
            return false;
        }
        int seq = dev.seq;
        if (dev.isLocked()) {
            return false;
        }
        boolean fast = dev.status == RuntimeStatus.ACTIVE && dev.runtimeError == 0 && dev.disableDepth == 0
                && dev.request == RpmRequest.NONE && (dev.timerAutosuspends || dev.timerExpires == 0);
        return fast && !dev.isLocked() && dev.seq == seq;
    }

    /**
     * The put side of the usage count. From v5.19 ({@code rpm_drop_usage_count}) an underflow
     * is refused with a warning and -EINVAL; before, the count silently went negative.
     * Returns the new count, or a negative errno.
     */
    private static int dropUsageCount(RpmDevice dev, int flags) {
        int count = dev.usageDecReturn();
        if (count < 0 && dev.ctx.guardsUnderflow()) {
            dev.usageInc();
            warn(dev, "Runtime PM usage count underflow!");
            return EINVAL;
        }
        if (count != 0) {
            Tracing.internal("rpm_usage", dev, flags);
            changed(dev);
            return count > 0 ? count : Integer.MAX_VALUE; // pre-5.19: -1 behaves as "still in use"
        }
        return 0;
    }

    /** Runs a helper's body under the device's lock ({@code spin_lock_irqsave(&dev->power.lock)}), then tells listeners. */
    private static int locked(RpmDevice dev, ToIntFunction<RpmDevice> body) {
        dev.lock();
        try {
            return body.applyAsInt(dev);
        } finally {
            dev.unlock();
            changed(dev);
        }
    }

    private static void lockedVoid(RpmDevice dev, Consumer<RpmDevice> body) {
        locked(dev, d -> {
            body.accept(d);
            return 0;
        });
    }

    static void warn(RpmDevice dev, String message) {
        dev.ctx.log().print(dev.logPrefix() + ": " + message);
    }

    /**
     * Tells listeners (sysfs mirror, web view) that a runtime PM field may have changed. Coalesced:
     * a get/put burst on one device gives one event, and nothing at all while nobody listens. Called
     * after the change is made (the flag read is ordered after it), so a notice whose delivery began
     * before this read is queued again, and one still queued is read by its listeners after it.
     */
    static void changed(RpmDevice dev) {
        if (!dev.changeCovered && dev.ctx.events().stateWatched()) {
            dev.ctx.events().postCoalesced(dev.changeNotice());
        }
    }

    // ---- usage count only ----

    @Kernel(value = "pm_runtime_get_noresume", file = "include/linux/pm_runtime.h")
    @Override
    public void getNoresume(PmDevice d) {
        RpmDevice dev = entry(d);
        dev.usageInc();
        changed(dev);
    }

    @Kernel(value = "pm_runtime_put_noidle", file = "include/linux/pm_runtime.h")
    @Override
    public void putNoidle(PmDevice d) {
        RpmDevice dev = entry(d);
        dev.usageDecUnlessZero();
        changed(dev);
    }

    // ---- gets ----

    @Kernel(value = "pm_runtime_get", file = "include/linux/pm_runtime.h")
    @Override
    public int get(PmDevice dev) {
        return resumeEntry(entry(dev), GET_PUT | ASYNC);
    }

    @Kernel(value = "pm_runtime_get_sync", file = "include/linux/pm_runtime.h")
    @Override
    public int getSync(PmDevice dev) {
        return resumeEntry(entry(dev), GET_PUT);
    }

    @Kernel(value = "pm_runtime_resume_and_get", file = "include/linux/pm_runtime.h")
    @Override
    public int resumeAndGet(PmDevice d) {
        RpmDevice dev = entry(d);
        int r = resumeEntry(dev, GET_PUT);
        if (r < 0) {
            putNoidle(dev);
            return r;
        }
        return 0;
    }

    @Override
    public int getIfActive(PmDevice d, boolean ignoreUsageCount) {
        return locked(entry(d), dev -> {
            int retval;
            if (dev.disableDepth > 0) {
                retval = EINVAL;
            } else if (dev.status != RuntimeStatus.ACTIVE) {
                retval = 0;
            } else if (ignoreUsageCount) {
                dev.usageInc();
                retval = 1;
            } else {
                retval = dev.usageIncNotZero() ? 1 : 0;
            }
            Tracing.internal("rpm_usage", dev, 0);
            return retval;
        });
    }

    @Kernel(value = "pm_runtime_get_if_in_use", file = "include/linux/pm_runtime.h")
    @Override
    public int getIfInUse(PmDevice dev) {
        return getIfActive(dev, false);
    }

    // ---- puts ----

    @Kernel(value = "pm_runtime_put", file = "include/linux/pm_runtime.h")
    @Override
    public int put(PmDevice dev) {
        return idleEntry(entry(dev), GET_PUT | ASYNC);
    }

    @Kernel(value = "pm_runtime_put_sync", file = "include/linux/pm_runtime.h")
    @Override
    public int putSync(PmDevice dev) {
        return idleEntry(entry(dev), GET_PUT);
    }

    @Kernel(value = "pm_runtime_put_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public int putAutosuspend(PmDevice dev) {
        return suspendEntry(markedBusy(entry(dev)), GET_PUT | ASYNC | AUTO);
    }

    /** From 6.17 the autosuspend helpers mark the device busy first (b3db492e8335). */
    private static RpmDevice markedBusy(RpmDevice dev) {
        if (dev.ctx.autosuspendHelpersMarkBusy()) {
            dev.lastBusy = dev.ctx.clock().nanoTime();
        }
        return dev;
    }

    @Kernel(value = "pm_runtime_put_sync_suspend", file = "include/linux/pm_runtime.h")
    @Override
    public int putSyncSuspend(PmDevice dev) {
        return suspendEntry(entry(dev), GET_PUT);
    }

    @Kernel(value = "pm_runtime_put_sync_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public int putSyncAutosuspend(PmDevice dev) {
        return suspendEntry(markedBusy(entry(dev)), GET_PUT | AUTO);
    }

    // ---- engines without a usage change ----

    @Kernel(value = "pm_runtime_idle", file = "include/linux/pm_runtime.h")
    @Override
    public int idle(PmDevice dev) {
        return idleEntry(entry(dev), 0);
    }

    @Kernel(value = "pm_request_idle", file = "include/linux/pm_runtime.h")
    @Override
    public int requestIdle(PmDevice dev) {
        return idleEntry(entry(dev), ASYNC);
    }

    @Kernel(value = "pm_runtime_suspend", file = "include/linux/pm_runtime.h")
    @Override
    public int suspend(PmDevice dev) {
        return suspendEntry(entry(dev), 0);
    }

    @Kernel(value = "pm_runtime_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public int autosuspend(PmDevice dev) {
        return suspendEntry(markedBusy(entry(dev)), AUTO);
    }

    @Kernel(value = "pm_request_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public int requestAutosuspend(PmDevice dev) {
        return suspendEntry(markedBusy(entry(dev)), ASYNC | AUTO);
    }

    @Override
    public int scheduleSuspend(PmDevice d, int delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("suspend delay must not be negative: " + delayMs);
        }
        return locked(entry(d), dev -> {
            if (delayMs == 0) {
                return RpmEngine.suspend(dev, ASYNC);
            }
            int retval = RpmEngine.checkSuspendAllowed(dev);
            if (retval != 0) {
                return retval;
            }
            RpmEngine.cancelPending(dev);
            RpmEngine.armTimer(dev, dev.ctx.clock().nanoTime() + delayMs * 1_000_000L);
            dev.timerAutosuspends = false;
            return 0;
        });
    }

    @Kernel(value = "pm_runtime_resume", file = "include/linux/pm_runtime.h")
    @Override
    public int resume(PmDevice dev) {
        return resumeEntry(entry(dev), 0);
    }

    @Kernel(value = "pm_request_resume", file = "include/linux/pm_runtime.h")
    @Override
    public int requestResume(PmDevice dev) {
        return resumeEntry(entry(dev), ASYNC);
    }

    @Kernel("pm_runtime_barrier")
    @Override
    public int barrier(PmDevice d) {
        RpmDevice dev = entry(d);
        dev.usageInc();
        int retval = 0;
        dev.lock();
        try {
            if (dev.requestPending && dev.request == RpmRequest.RESUME) {
                RpmEngine.resume(dev, 0);
                retval = 1;
            }
            barrierLocked(dev);
        } finally {
            dev.unlock();
        }
        dev.usageDecUnlessZero();
        changed(dev);
        return retval;
    }

    /** {@code __pm_runtime_barrier}: cancel the timer and pending work, wait for transitions. */
    @Kernel("__pm_runtime_barrier")
    private static void barrierLocked(RpmDevice dev) {
        RpmEngine.deactivateTimer(dev);
        if (dev.requestPending) {
            dev.request = RpmRequest.NONE;
            dev.ctx.clock().cancel(dev.work); // cancel_work_sync: a running item finds nothing to do
            dev.work = null;
            dev.requestPending = false;
        }
        RpmEngine.awaitWhile(dev, () -> dev.status == RuntimeStatus.SUSPENDING
                || dev.status == RuntimeStatus.RESUMING || dev.idleNotification);
    }

    // ---- enable, disable, allow, forbid ----

    @Kernel("pm_runtime_enable")
    @Override
    public void enable(PmDevice d) {
        lockedVoid(entry(d), dev -> {
            if (dev.disableDepth == 0) {
                warn(dev, "Unbalanced pm_runtime_enable!");
                return;
            }
            if (--dev.disableDepth > 0) {
                return;
            }
            dev.setLastStatus(RuntimeStatus.INVALID);
            dev.accountingTimestamp = dev.ctx.clock().nanoTime();
            if (dev.status == RuntimeStatus.SUSPENDED && !dev.ignoreChildren && dev.children() > 0) {
                warn(dev, "Enabling runtime PM for inactive device with active children");
            }
        });
    }

    @Kernel(value = "pm_runtime_disable", file = "include/linux/pm_runtime.h")
    @Override
    public void disable(PmDevice dev) {
        disable(dev, true);
    }

    @Kernel("__pm_runtime_disable")
    @Override
    public void disable(PmDevice d, boolean checkResume) {
        lockedVoid(entry(d), dev -> {
            if (dev.disableDepth > 0) {
                dev.disableDepth++;
                return;
            }
            // a pending resume means there is I/O to do: carry it out before disabling
            if (checkResume && dev.requestPending && dev.request == RpmRequest.RESUME) {
                dev.usageInc();
                RpmEngine.resume(dev, 0);
                dev.usageDecUnlessZero();
            }
            dev.updateAccounting();
            if (dev.disableDepth++ == 0) {
                barrierLocked(dev);
                dev.setLastStatus(dev.status);
            }
        });
    }

    @Kernel("pm_runtime_allow")
    @Override
    public void allow(PmDevice d) {
        lockedVoid(entry(d), dev -> {
            if (dev.runtimeAuto) {
                return;
            }
            dev.runtimeAuto = true;
            int count = dev.usageDecReturn();
            if (count < 0 && dev.ctx.guardsUnderflow()) {
                dev.usageInc();
                warn(dev, "Runtime PM usage count underflow!");
            } else if (count == 0) {
                RpmEngine.idle(dev, AUTO | ASYNC);
            } else {
                Tracing.internal("rpm_usage", dev, AUTO | ASYNC);
            }
        });
    }

    @Kernel("pm_runtime_forbid")
    @Override
    public void forbid(PmDevice d) {
        lockedVoid(entry(d), dev -> {
            if (!dev.runtimeAuto) {
                return;
            }
            dev.runtimeAuto = false;
            dev.usageInc();
            RpmEngine.resume(dev, 0);
        });
    }

    // ---- status and configuration ----

    @Kernel(value = "pm_runtime_set_active", file = "include/linux/pm_runtime.h")
    @Override
    public int setActive(PmDevice dev) {
        return StatusSetter.set(entry(dev), RuntimeStatus.ACTIVE, this);
    }

    @Kernel(value = "pm_runtime_set_suspended", file = "include/linux/pm_runtime.h")
    @Override
    public int setSuspended(PmDevice dev) {
        return StatusSetter.set(entry(dev), RuntimeStatus.SUSPENDED, this);
    }

    @Kernel(value = "pm_runtime_mark_last_busy", file = "include/linux/pm_runtime.h")
    @Override
    public void markLastBusy(PmDevice d) {
        RpmDevice dev = entry(d);
        dev.lastBusy = dev.ctx.clock().nanoTime();
    }

    @Kernel("pm_runtime_set_autosuspend_delay")
    @Override
    public void setAutosuspendDelay(PmDevice d, int delayMs) {
        lockedVoid(entry(d), dev -> {
            int oldDelay = dev.autosuspendDelay;
            boolean oldUse = dev.useAutosuspend;
            dev.autosuspendDelay = delayMs;
            updateAutosuspend(dev, oldDelay, oldUse);
        });
    }

    @Kernel(value = "pm_runtime_use_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public void useAutosuspend(PmDevice dev) {
        setUseAutosuspend(entry(dev), true);
    }

    @Kernel(value = "pm_runtime_dont_use_autosuspend", file = "include/linux/pm_runtime.h")
    @Override
    public void dontUseAutosuspend(PmDevice dev) {
        setUseAutosuspend(entry(dev), false);
    }

    private static void setUseAutosuspend(RpmDevice dev, boolean use) {
        lockedVoid(dev, d -> {
            int oldDelay = dev.autosuspendDelay;
            boolean oldUse = dev.useAutosuspend;
            dev.useAutosuspend = use;
            updateAutosuspend(dev, oldDelay, oldUse);
        });
    }

    /** {@code update_autosuspend}: a negative delay with autosuspend in use means "never suspend". */
    @Kernel("update_autosuspend")
    private static void updateAutosuspend(RpmDevice dev, int oldDelay, boolean oldUse) {
        int delay = dev.autosuspendDelay;
        if (dev.useAutosuspend && delay < 0) {
            if (!oldUse || oldDelay >= 0) {
                dev.usageInc();
                RpmEngine.resume(dev, 0);
            } else {
                Tracing.internal("rpm_usage", dev, 0);
            }
        } else {
            if (oldUse && oldDelay < 0) {
                dev.usageDecReturn();
            }
            RpmEngine.idle(dev, AUTO);
        }
    }

    @Kernel("pm_runtime_no_callbacks")
    @Override
    public void noCallbacks(PmDevice d) {
        lockedVoid(entry(d), dev -> {
            dev.noCallbacks = true;
        });
    }

    @Kernel("pm_runtime_irq_safe")
    @Override
    public void irqSafe(PmDevice d) {
        RpmDevice dev = entry(d);
        if (dev.parent != null) {
            // pm_runtime_get_sync(dev->parent) on the parent's struct, which the child's
            // reference keeps even after the parent's device_del (a VF removed under a bare
            // device): its runtime PM is disabled then, so only the count goes up
            resumeEntry(dev.parent, GET_PUT);
        }
        dev.lock();
        try {
            dev.irqSafe = true;
        } finally {
            dev.unlock();
            changed(dev);
        }
    }

    @Kernel(value = "pm_suspend_ignore_children", file = "include/linux/pm_runtime.h")
    @Override
    public void suspendIgnoreChildren(PmDevice d, boolean enable) {
        lockedVoid(entry(d), dev -> {
            dev.ignoreChildren = enable;
        });
    }

    // ---- system sleep helpers ----

    @Kernel("pm_runtime_force_suspend")
    @Override
    public int forceSuspend(PmDevice d) {
        RpmDevice dev = entry(d);
        disable(dev);
        dev.lock();
        try {
            if (dev.status == RuntimeStatus.SUSPENDED) {
                return 0;
            }
            RpmCallback cb = dev.callback(DevPmOps::runtimeSuspend);
            int ret = runUnlocked(dev, cb);
            if (ret != 0) {
                dev.unlock();
                try {
                    enable(dev);
                } finally {
                    dev.lock();
                }
                return ret;
            }
            boolean needNotResume = dev.usage() <= 1 && (dev.children() == 0 || dev.ignoreChildren);
            if (needNotResume) {
                dev.unlock();
                try {
                    setSuspended(dev);
                } finally {
                    dev.lock();
                }
            } else {
                RpmEngine.updateStatus(dev, RuntimeStatus.SUSPENDED);
                dev.needsForceResume = true;
            }
            return 0;
        } finally {
            dev.unlock();
            changed(dev);
        }
    }

    @Kernel("pm_runtime_force_resume")
    @Override
    public int forceResume(PmDevice d) {
        RpmDevice dev = entry(d);
        int ret = 0;
        dev.lock();
        try {
            if (dev.status == RuntimeStatus.SUSPENDED && dev.needsForceResume) {
                // the parent's child count is already right: only the status changes
                RpmEngine.updateStatus(dev, RuntimeStatus.ACTIVE);
                ret = runUnlocked(dev, dev.callback(DevPmOps::runtimeResume));
                if (ret != 0) {
                    dev.unlock();
                    try {
                        setSuspended(dev);
                    } finally {
                        dev.lock();
                    }
                } else {
                    dev.lastBusy = dev.ctx.clock().nanoTime();
                }
            }
            dev.needsForceResume = false;
        } finally {
            dev.unlock();
        }
        enable(dev);
        return ret;
    }

    private static int runUnlocked(RpmDevice dev, RpmCallback cb) {
        if (cb == null) {
            return 0;
        }
        dev.unlock();
        try {
            return cb.call(dev);
        } finally {
            dev.lock();
        }
    }

    // ---- device links ----

    @Override
    @Kernel("pm_runtime_get_suppliers")
    public void getSuppliers(PmDevice dev) {
        SupplierPm.getForProbe(entry(dev));
    }

    @Override
    @Kernel("pm_runtime_put_suppliers")
    public void putSuppliers(PmDevice dev) {
        SupplierPm.putAfterProbe(entry(dev));
    }

    // ---- predicates ----

    @Kernel(value = "pm_runtime_enabled", file = "include/linux/pm_runtime.h")
    @Override
    public boolean enabled(PmDevice dev) {
        return entry(dev).disableDepth == 0;
    }

    @Kernel(value = "pm_runtime_active", file = "include/linux/pm_runtime.h")
    @Override
    public boolean active(PmDevice d) {
        RpmDevice dev = entry(d);
        return dev.disableDepth != 0 || dev.status == RuntimeStatus.ACTIVE;
    }

    @Kernel(value = "pm_runtime_suspended", file = "include/linux/pm_runtime.h")
    @Override
    public boolean suspended(PmDevice d) {
        RpmDevice dev = entry(d);
        return dev.status == RuntimeStatus.SUSPENDED && dev.disableDepth == 0;
    }

    @Kernel(value = "pm_runtime_status_suspended", file = "include/linux/pm_runtime.h")
    @Override
    public boolean statusSuspended(PmDevice dev) {
        return entry(dev).status == RuntimeStatus.SUSPENDED;
    }

    /** Exposes {@link #EAGAIN} for the status setter. */
    static int eagain() {
        return EAGAIN;
    }
}
