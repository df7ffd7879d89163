package org.pmlab.shell.internal;

import java.util.function.ToIntFunction;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Machine;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.TraceRecord;

/**
 * The {@code pm:} scope: runtime PM of the live machine's devices. Each helper of
 * include/linux/pm_runtime.h is one command named after it ({@code pm_runtime_get_sync} is
 * {@code pm:get_sync}) and prints the kernel-style result, after any kernel log lines it caused.
 */
@Component(service = PmCommands.class, property = {"osgi.command.scope=pm",
    "osgi.command.function=list", "osgi.command.function=info", "osgi.command.function=device",
    "osgi.command.function=trace",
    "osgi.command.function=get_noresume", "osgi.command.function=put_noidle",
    "osgi.command.function=get", "osgi.command.function=get_sync", "osgi.command.function=resume_and_get",
    "osgi.command.function=get_if_active", "osgi.command.function=get_if_in_use",
    "osgi.command.function=put", "osgi.command.function=put_sync", "osgi.command.function=put_autosuspend",
    "osgi.command.function=put_sync_suspend", "osgi.command.function=put_sync_autosuspend",
    "osgi.command.function=idle", "osgi.command.function=request_idle", "osgi.command.function=suspend",
    "osgi.command.function=autosuspend", "osgi.command.function=request_autosuspend",
    "osgi.command.function=schedule_suspend", "osgi.command.function=resume", "osgi.command.function=request_resume",
    "osgi.command.function=barrier", "osgi.command.function=enable", "osgi.command.function=disable",
    "osgi.command.function=allow", "osgi.command.function=forbid", "osgi.command.function=set_active",
    "osgi.command.function=set_suspended", "osgi.command.function=mark_last_busy",
    "osgi.command.function=set_autosuspend_delay", "osgi.command.function=use_autosuspend",
    "osgi.command.function=dont_use_autosuspend", "osgi.command.function=no_callbacks",
    "osgi.command.function=irq_safe", "osgi.command.function=ignore_children",
    "osgi.command.function=force_suspend", "osgi.command.function=force_resume",
    "osgi.command.function=set_error"})
public final class PmCommands {

    private final Steps steps;

    @Activate
    public PmCommands(@Reference Steps steps) {
        this.steps = steps;
    }

    /** The live machine's runtime PM core (one per machine; the helpers act on the device's own machine). */
    private RuntimePm rpm() {
        return steps.machine().runtimePm();
    }

    // ---- views ----

    @Descriptor("list every device's runtime PM state (power/ attributes)")
    public String list() {
        Table t = new Table("DEVICE", "STATUS", "CONTROL", "USAGE", "KIDS", "ENABLED", "ACTIVE_MS", "SUSPENDED_MS");
        for (PmDevice d : steps.machine().pmDevices().all()) {
            PmInfo i = d.info();
            t.row(i.device(), i.runtimeStatus(), i.control(), i.usageCount(), i.activeKids(), i.runtimeEnabled(),
                    i.activeTimeMs(), i.suspendedTimeMs());
        }
        return t.toString();
    }

    @Descriptor("show every runtime PM field of a device")
    public String info(@Descriptor("device name or PCI BDF") String device) {
        PmInfo i = dev(device).info();
        return new KeyValues()
                .put("device", i.device())
                .put("parent", i.parent())
                .put("runtime_status", i.runtimeStatus())
                .put("status", i.status().word())
                .put("control", i.control())
                .put("runtime_enabled", i.runtimeEnabled())
                .put("runtime_usage", i.usageCount())
                .put("runtime_active_kids", i.activeKids())
                .put("child_count", i.childCount())
                .put("ignore_children", i.ignoreChildren())
                .put("disable_depth", i.disableDepth())
                .put("runtime_error", Errno.describe(i.runtimeError()))
                .put("last_status", i.lastStatus().word())
                .put("no_callbacks", i.noCallbacks())
                .put("irq_safe", i.irqSafe())
                .put("use_autosuspend", i.useAutosuspend())
                .put("autosuspend_delay_ms", i.autosuspendDelayMs())
                .put("request_pending", i.requestPending())
                .put("request", i.request().name())
                .put("deferred_resume", i.deferredResume())
                .put("idle_notification", i.idleNotification())
                .put("last_busy", DurationText.seconds(i.lastBusyNs()))
                .put("timer_expires", i.timerExpiresNs() == 0 ? "-" : DurationText.seconds(i.timerExpiresNs())
                        + (i.timerAutosuspends() ? " (autosuspend)" : ""))
                .put("runtime_active_time", i.activeTimeMs() + " ms")
                .put("runtime_suspended_time", i.suspendedTimeMs() + " ms")
                .toString();
    }

    @Descriptor("add or remove a bare device with no bus (like the kernel's KUnit test device)")
    public String device(
            @Descriptor("parent device") @Parameter(names = "--parent", absentValue = "") String parent,
            @Descriptor("the parent ignores this device's activity") @Parameter(names = "--ignore-children",
                    presentValue = "true", absentValue = "false") boolean ignoreChildren,
            @Descriptor("pm_runtime_no_callbacks") @Parameter(names = "--no-callbacks", presentValue = "true",
                    absentValue = "false") boolean noCallbacks,
            @Descriptor("its runtime_resume callback returns this errno") @Parameter(names = "--fail-resume",
                    absentValue = "") String failResume,
            @Descriptor("its runtime_suspend callback returns this errno") @Parameter(names = "--fail-suspend",
                    absentValue = "") String failSuspend,
            @Descriptor("add or remove") String action,
            @Descriptor("device name") String name) {
        Machine m = steps.machine();
        switch (action) {
            case "add" -> {
                PmDevice p = parent.isEmpty() ? null : m.pmDevices().get(parent);
                DevPmOps ops = null;
                if (!failResume.isEmpty() || !failSuspend.isEmpty()) {
                    ops = new DevPmOps(failing(failSuspend), failing(failResume), null);
                }
                PmDevice d = m.pmDevices().add(name, p, ops);
                if (ignoreChildren) {
                    rpm().suspendIgnoreChildren(d, true);
                }
                if (noCallbacks) {
                    rpm().noCallbacks(d);
                }
                return null;
            }
            case "remove" -> {
                m.pmDevices().remove(m.pmDevices().get(name));
                return null;
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "': expected add or remove");
        }
    }

    private static RpmCallback failing(String errno) {
        if (errno.isEmpty()) {
            return null;
        }
        int e = Errno.parseNegative(errno);
        return d -> e;
    }

    @Descriptor("show the recorded trace")
    public String trace() {
        return trace("show");
    }

    @Descriptor("trace runtime PM transitions: on, off, show or clear")
    public String trace(@Descriptor("on, off, show or clear") String what) {
        Machine m = steps.machine();
        switch (what) {
            case "on" -> m.trace().enable(true);
            case "off" -> m.trace().enable(false);
            case "clear" -> m.trace().clear();
            case "show" -> {
                StringBuilder sb = new StringBuilder();
                for (TraceRecord r : m.trace().records()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(r.line());
                }
                return sb.length() == 0 ? (m.trace().enabled() ? null : "trace is off (pm:trace on)") : sb.toString();
            }
            default -> throw new IllegalArgumentException("unknown trace action '" + what + "': expected on, off, show or clear");
        }
        return null;
    }

    // ---- one command per helper ----

    private PmDevice dev(String name) {
        return steps.machine().pmDevices().get(name);
    }

    private String op(String device, ToIntFunction<PmDevice> call) {
        Machine m = steps.machine();
        PmDevice d = m.pmDevices().get(device);
        int mark = steps.begin(m);
        int r = call.applyAsInt(d);
        return steps.end(m, mark, Errno.describe(r));
    }

    private String voidOp(String device, java.util.function.Consumer<PmDevice> call) {
        Machine m = steps.machine();
        PmDevice d = m.pmDevices().get(device);
        int mark = steps.begin(m);
        call.accept(d);
        return steps.end(m, mark, null);
    }

    @Descriptor("pm_runtime_get_noresume: usage +1")
    public String get_noresume(@Descriptor("device") String device) {
        return voidOp(device, rpm()::getNoresume);
    }

    @Descriptor("pm_runtime_put_noidle: usage -1 unless 0")
    public String put_noidle(@Descriptor("device") String device) {
        return voidOp(device, rpm()::putNoidle);
    }

    @Descriptor("pm_runtime_get: usage +1, asynchronous resume")
    public String get(@Descriptor("device") String device) {
        return op(device, rpm()::get);
    }

    @Descriptor("pm_runtime_get_sync: usage +1, synchronous resume")
    public String get_sync(@Descriptor("device") String device) {
        return op(device, rpm()::getSync);
    }

    @Descriptor("pm_runtime_resume_and_get: resume, keeping the reference only on success")
    public String resume_and_get(@Descriptor("device") String device) {
        return op(device, rpm()::resumeAndGet);
    }

    @Descriptor("pm_runtime_get_if_active")
    public String get_if_active(
            @Descriptor("take the reference even if the count is 0") @Parameter(names = "--ignore-usage",
                    presentValue = "true", absentValue = "false") boolean ignoreUsage,
            @Descriptor("device") String device) {
        return op(device, d -> rpm().getIfActive(d, ignoreUsage));
    }

    @Descriptor("pm_runtime_get_if_in_use")
    public String get_if_in_use(@Descriptor("device") String device) {
        return op(device, rpm()::getIfInUse);
    }

    @Descriptor("pm_runtime_put: usage -1, asynchronous idle at 0")
    public String put(@Descriptor("device") String device) {
        return op(device, rpm()::put);
    }

    @Descriptor("pm_runtime_put_sync: usage -1, synchronous idle at 0")
    public String put_sync(@Descriptor("device") String device) {
        return op(device, rpm()::putSync);
    }

    @Descriptor("pm_runtime_put_autosuspend")
    public String put_autosuspend(@Descriptor("device") String device) {
        return op(device, rpm()::putAutosuspend);
    }

    @Descriptor("pm_runtime_put_sync_suspend")
    public String put_sync_suspend(@Descriptor("device") String device) {
        return op(device, rpm()::putSyncSuspend);
    }

    @Descriptor("pm_runtime_put_sync_autosuspend")
    public String put_sync_autosuspend(@Descriptor("device") String device) {
        return op(device, rpm()::putSyncAutosuspend);
    }

    @Descriptor("pm_runtime_idle")
    public String idle(@Descriptor("device") String device) {
        return op(device, rpm()::idle);
    }

    @Descriptor("pm_request_idle")
    public String request_idle(@Descriptor("device") String device) {
        return op(device, rpm()::requestIdle);
    }

    @Descriptor("pm_runtime_suspend")
    public String suspend(@Descriptor("device") String device) {
        return op(device, rpm()::suspend);
    }

    @Descriptor("pm_runtime_autosuspend")
    public String autosuspend(@Descriptor("device") String device) {
        return op(device, rpm()::autosuspend);
    }

    @Descriptor("pm_request_autosuspend")
    public String request_autosuspend(@Descriptor("device") String device) {
        return op(device, rpm()::requestAutosuspend);
    }

    @Descriptor("pm_schedule_suspend")
    public String schedule_suspend(@Descriptor("device") String device, @Descriptor("delay in ms") int delayMs) {
        return op(device, d -> rpm().scheduleSuspend(d, delayMs));
    }

    @Descriptor("pm_runtime_resume")
    public String resume(@Descriptor("device") String device) {
        return op(device, rpm()::resume);
    }

    @Descriptor("pm_request_resume")
    public String request_resume(@Descriptor("device") String device) {
        return op(device, rpm()::requestResume);
    }

    @Descriptor("pm_runtime_barrier")
    public String barrier(@Descriptor("device") String device) {
        return op(device, rpm()::barrier);
    }

    @Descriptor("pm_runtime_enable")
    public String enable(@Descriptor("device") String device) {
        return voidOp(device, rpm()::enable);
    }

    @Descriptor("pm_runtime_disable (__pm_runtime_disable(dev, true); --no-resume for false)")
    public String disable(
            @Descriptor("do not carry out a pending resume") @Parameter(names = "--no-resume", presentValue = "true",
                    absentValue = "false") boolean noResume,
            @Descriptor("device") String device) {
        return voidOp(device, d -> rpm().disable(d, !noResume));
    }

    @Descriptor("pm_runtime_allow (power/control = auto)")
    public String allow(@Descriptor("device") String device) {
        return voidOp(device, rpm()::allow);
    }

    @Descriptor("pm_runtime_forbid (power/control = on)")
    public String forbid(@Descriptor("device") String device) {
        return voidOp(device, rpm()::forbid);
    }

    @Descriptor("pm_runtime_set_active")
    public String set_active(@Descriptor("device") String device) {
        return op(device, rpm()::setActive);
    }

    @Descriptor("pm_runtime_set_suspended")
    public String set_suspended(@Descriptor("device") String device) {
        return op(device, rpm()::setSuspended);
    }

    @Descriptor("pm_runtime_mark_last_busy")
    public String mark_last_busy(@Descriptor("device") String device) {
        return voidOp(device, rpm()::markLastBusy);
    }

    @Descriptor("pm_runtime_set_autosuspend_delay")
    public String set_autosuspend_delay(@Descriptor("device") String device, @Descriptor("delay in ms") int delayMs) {
        return voidOp(device, d -> rpm().setAutosuspendDelay(d, delayMs));
    }

    @Descriptor("pm_runtime_use_autosuspend")
    public String use_autosuspend(@Descriptor("device") String device) {
        return voidOp(device, rpm()::useAutosuspend);
    }

    @Descriptor("pm_runtime_dont_use_autosuspend")
    public String dont_use_autosuspend(@Descriptor("device") String device) {
        return voidOp(device, rpm()::dontUseAutosuspend);
    }

    @Descriptor("pm_runtime_no_callbacks")
    public String no_callbacks(@Descriptor("device") String device) {
        return voidOp(device, rpm()::noCallbacks);
    }

    @Descriptor("pm_runtime_irq_safe")
    public String irq_safe(@Descriptor("device") String device) {
        return voidOp(device, rpm()::irqSafe);
    }

    @Descriptor("pm_suspend_ignore_children")
    public String ignore_children(@Descriptor("device") String device, @Descriptor("true or false") boolean enable) {
        return voidOp(device, d -> rpm().suspendIgnoreChildren(d, enable));
    }

    @Descriptor("pm_runtime_force_suspend")
    public String force_suspend(@Descriptor("device") String device) {
        return op(device, rpm()::forceSuspend);
    }

    @Descriptor("pm_runtime_force_resume")
    public String force_resume(@Descriptor("device") String device) {
        return op(device, rpm()::forceResume);
    }

    @Descriptor("set power.runtime_error directly, as the kernel's KUnit error test does (0 clears)")
    public String set_error(@Descriptor("device") String device, @Descriptor("errno, e.g. -EIO, or 0") String errno) {
        int e = errno.trim().equals("0") ? 0 : Errno.parseNegative(errno);
        return voidOp(device, d -> rpm().setRuntimeError(d, e));
    }
}
