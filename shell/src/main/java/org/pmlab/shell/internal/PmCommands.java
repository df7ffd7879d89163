package org.pmlab.shell.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.TraceRecord;

/**
 * The {@code pm:} scope: runtime PM of the live machine's devices. Each helper of
 * include/linux/pm_runtime.h is one command named after it ({@code pm_runtime_get_sync} is
 * {@code pm:get_sync}) and prints the kernel-style result, after any kernel log lines it caused.
 */
@Component(service = PmCommands.class, property = {"osgi.command.scope=pm",
    CommandCatalog.SCOPE_DESCRIPTION + "=runtime PM of devices: one command per helper of include/linux/pm_runtime.h",
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
    "osgi.command.function=force_suspend", "osgi.command.function=force_resume"})
public final class PmCommands {

    static final String DEVICE = "a bare device's name, or a PCI function's BDF (pm:list shows them)";

    /** {@code pm:device}'s actions. */
    enum DeviceAction implements Word {
        ADD("add", "register a bare device (device_add)"),
        REMOVE("remove", "unregister a bare device added here (device_del)");

        private final String word;
        private final String description;

        DeviceAction(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** {@code pm:trace}'s actions. */
    enum TraceAction implements Word {
        ON("on", "start recording the rpm tracepoints"),
        OFF("off", "stop recording (what was recorded stays)"),
        SHOW("show", "print what was recorded"),
        CLEAR("clear", "forget what was recorded");

        private final String word;
        private final String description;

        TraceAction(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    private final Steps steps;
    /** The bare devices pm:device added, by machine: only those may be removed again. */
    private final Map<Long, Set<String>> added = new HashMap<>();

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
    @Example("pm:list")
    @Example("pm:list --json")
    public Object list(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Rows<PmViews.Row> rows = Rows.of(PmViews.Row.class,
                steps.machine().pmDevices().all().stream().map(d -> PmViews.Row.of(d.info())).toList());
        return json ? new Json(rows) : rows;
    }

    @Descriptor("show every runtime PM field of a device (struct dev_pm_info), and its device links")
    @Example("pm:info 0000:01:00.0")
    public Object info(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor(DEVICE) Args.DeviceName device) {
        Machine m = steps.machine();
        PmDevice d = dev(device);
        PmViews.Info i = PmViews.Info.of(d.info(), links(m.pmDevices().suppliers(d), true),
                links(m.pmDevices().consumers(d), false));
        return json ? new Json(i) : i;
    }

    /** Device links as "0000:03:00.1 (STATELESS|PM_RUNTIME, not tracked, rpm_active 1)", comma-separated; "-" for none. */
    private static String links(java.util.List<org.pmlab.pm.api.PmDeviceLink> links, boolean suppliers) {
        if (links.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (org.pmlab.pm.api.PmDeviceLink l : links) {
            sb.append(sb.length() == 0 ? "" : ", ").append((suppliers ? l.supplier() : l.consumer()).name())
                    .append(" (").append(LinkCommands.flagText(l.flags())).append(", ").append(l.status().word())
                    .append(", rpm_active ").append(l.rpmActive()).append(')');
        }
        return sb.toString();
    }

    @Descriptor("add or remove a bare device with no bus (like the kernel's KUnit test device)")
    @Example("pm:device add p; pm:device add c --parent p")
    @Example("pm:device add flaky --fail-resume -EIO")
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
            @Descriptor("link it to this supplier (DL_FLAG_STATELESS | DL_FLAG_PM_RUNTIME; pm:link for other flags)")
            @Parameter(names = "--supplier", absentValue = "") String supplier,
            @Descriptor("add or remove") DeviceAction action,
            @Descriptor("the device's name (no spaces or slashes)") Args.DeviceName name) {
        Machine m = steps.machine();
        switch (action) {
            case ADD -> {
                // every argument is checked before the device exists: a refusal changes nothing
                PmDevice p = parent.isEmpty() ? null : m.pmDevices().get(Args.DeviceName.parse(parent).text());
                PmDevice s = supplier.isEmpty() ? null : m.pmDevices().get(Args.DeviceName.parse(supplier).text());
                RpmCallback onSuspend = failing("--fail-suspend", failSuspend);
                RpmCallback onResume = failing("--fail-resume", failResume);
                DevPmOps ops = onSuspend == null && onResume == null ? null : new DevPmOps(onSuspend, onResume, null);
                PmDevice d = m.pmDevices().add(name.text(), p, ops);
                if (ignoreChildren) {
                    rpm().suspendIgnoreChildren(d, true);
                }
                if (noCallbacks) {
                    rpm().noCallbacks(d);
                }
                if (s != null) {
                    try {
                        m.pmDevices().linkAdd(d, s, LinkCommands.parseFlags("stateless,pm-runtime"));
                    } catch (IllegalArgumentException e) {
                        m.pmDevices().remove(d); // nothing changes on bad input
                        throw e;
                    }
                }
                synchronized (added) {
                    added.computeIfAbsent(m.id(), k -> new HashSet<>()).add(name.text());
                }
                return null;
            }
            case REMOVE -> {
                PmDevice d = m.pmDevices().get(name.text());
                synchronized (added) {
                    if (!added.getOrDefault(m.id(), Set.of()).contains(name.text())) {
                        throw new IllegalArgumentException(name + " belongs to the " + (Args.looksLikeBdf(name.text())
                                ? "PCI core (pci:unbind or a topology change removes functions)" : "machine")
                                + "; pm:device remove takes only bare devices added with pm:device add");
                    }
                }
                m.pmDevices().remove(d);
                synchronized (added) {
                    added.get(m.id()).remove(name.text());
                }
                return null;
            }
            default -> throw new IllegalStateException("unhandled " + action);
        }
    }

    private static RpmCallback failing(String option, String errno) {
        if (errno.isEmpty()) {
            return null;
        }
        int e;
        try {
            e = Errno.parseNegative(errno);
        } catch (IllegalArgumentException bad) {
            throw new UsageException(option + ": " + bad.getMessage());
        }
        return d -> e;
    }

    @Descriptor("trace runtime PM transitions (the rpm tracepoints); alone, show what was recorded")
    public String trace() {
        return trace(TraceAction.SHOW);
    }

    @Descriptor("start, stop, show or clear the trace")
    @Example("pm:trace on; pm:get_sync 0000:01:00.0; pm:trace show")
    public String trace(@Descriptor("what to do") TraceAction action) {
        Machine m = steps.machine();
        switch (action) {
            case ON -> m.trace().enable(true);
            case OFF -> m.trace().enable(false);
            case CLEAR -> m.trace().clear();
            case SHOW -> {
                StringBuilder sb = new StringBuilder();
                for (TraceRecord r : m.trace().records()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(r.line());
                }
                return sb.length() == 0 ? (m.trace().enabled() ? null : "trace is off (pm:trace on)") : sb.toString();
            }
            default -> throw new IllegalStateException("unhandled " + action);
        }
        return null;
    }

    // ---- one command per helper ----

    private PmDevice dev(Args.DeviceName name) {
        return steps.machine().pmDevices().get(name.text());
    }

    private String op(Args.DeviceName device, ToIntFunction<PmDevice> call) {
        Machine m = steps.machine();
        PmDevice d = m.pmDevices().get(device.text());
        int mark = steps.begin(m);
        int r = call.applyAsInt(d);
        return steps.end(m, mark, Errno.describe(r));
    }

    private String voidOp(Args.DeviceName device, Consumer<PmDevice> call) {
        Machine m = steps.machine();
        PmDevice d = m.pmDevices().get(device.text());
        int mark = steps.begin(m);
        call.accept(d);
        return steps.end(m, mark, null);
    }

    @Descriptor("pm_runtime_get_noresume: usage +1")
    public String get_noresume(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().getNoresume(d));
    }

    @Descriptor("pm_runtime_put_noidle: usage -1 unless 0")
    public String put_noidle(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().putNoidle(d));
    }

    @Descriptor("pm_runtime_get: usage +1, asynchronous resume")
    public String get(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().get(d));
    }

    @Descriptor("pm_runtime_get_sync: usage +1, synchronous resume")
    @Example("pm:get_sync 0000:01:00.0")
    public String get_sync(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().getSync(d));
    }

    @Descriptor("pm_runtime_resume_and_get: resume, keeping the reference only on success")
    public String resume_and_get(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().resumeAndGet(d));
    }

    @Descriptor("pm_runtime_get_if_active: usage +1 only if the device is active (and in use)")
    public String get_if_active(
            @Descriptor("take the reference even if the count is 0") @Parameter(names = "--ignore-usage",
                    presentValue = "true", absentValue = "false") boolean ignoreUsage,
            @Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().getIfActive(d, ignoreUsage));
    }

    @Descriptor("pm_runtime_get_if_in_use: usage +1 only if active and the count is above 0")
    public String get_if_in_use(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().getIfInUse(d));
    }

    @Descriptor("pm_runtime_put: usage -1, asynchronous idle at 0 (returns nothing from 7.0)")
    public String put(@Descriptor(DEVICE) Args.DeviceName device) {
        return steps.machine().kernel().putAndBarrierReturnVoid() ? voidOp(device, d -> rpm().put(d))
                : op(device, d -> rpm().put(d));
    }

    @Descriptor("pm_runtime_put_sync: usage -1, synchronous idle at 0")
    public String put_sync(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().putSync(d));
    }

    @Descriptor("pm_runtime_put_autosuspend: usage -1, autosuspend after the delay")
    public String put_autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().putAutosuspend(d));
    }

    @Descriptor("pm_runtime_put_sync_suspend: usage -1, synchronous suspend at 0")
    public String put_sync_suspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().putSyncSuspend(d));
    }

    @Descriptor("pm_runtime_put_sync_autosuspend: usage -1, synchronous autosuspend at 0")
    public String put_sync_autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().putSyncAutosuspend(d));
    }

    @Descriptor("pm_runtime_idle: run the idle check (and callback) now")
    public String idle(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().idle(d));
    }

    @Descriptor("pm_request_idle: queue an idle check")
    public String request_idle(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().requestIdle(d));
    }

    @Descriptor("pm_runtime_suspend: suspend now if allowed")
    public String suspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().suspend(d));
    }

    @Descriptor("pm_runtime_autosuspend: suspend once the autosuspend delay has passed")
    public String autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().autosuspend(d));
    }

    @Descriptor("pm_request_autosuspend: queue an autosuspend")
    public String request_autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().requestAutosuspend(d));
    }

    @Descriptor("pm_schedule_suspend: suspend after a delay")
    @Example("pm:schedule_suspend 0000:01:00.0 100")
    public String schedule_suspend(@Descriptor(DEVICE) Args.DeviceName device,
            @Descriptor("the delay in ms (unsigned int; the model takes up to 2147483647)") Args.UInt delayMs) {
        if (delayMs.value() > Integer.MAX_VALUE) {
            throw new UsageException("DELAY_MS: " + delayMs + " is out of range (expected 0 to " + Integer.MAX_VALUE
                    + " ms, about 24 days)");
        }
        return op(device, d -> rpm().scheduleSuspend(d, (int) delayMs.value()));
    }

    @Descriptor("pm_runtime_resume: resume now")
    public String resume(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().resume(d));
    }

    @Descriptor("pm_request_resume: queue a resume")
    public String request_resume(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().requestResume(d));
    }

    @Descriptor("pm_runtime_barrier: flush pending requests, carry out a pending resume (returns nothing from 7.0)")
    public String barrier(@Descriptor(DEVICE) Args.DeviceName device) {
        return steps.machine().kernel().putAndBarrierReturnVoid() ? voidOp(device, d -> rpm().barrier(d))
                : op(device, d -> rpm().barrier(d));
    }

    @Descriptor("pm_runtime_enable: disable_depth -1")
    public String enable(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().enable(d));
    }

    @Descriptor("pm_runtime_disable: disable_depth +1 (__pm_runtime_disable(dev, true); --no-resume for false)")
    public String disable(
            @Descriptor("do not carry out a pending resume") @Parameter(names = "--no-resume", presentValue = "true",
                    absentValue = "false") boolean noResume,
            @Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().disable(d, !noResume));
    }

    @Descriptor("pm_runtime_allow: power/control = auto")
    public String allow(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().allow(d));
    }

    @Descriptor("pm_runtime_forbid: power/control = on")
    public String forbid(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().forbid(d));
    }

    @Descriptor("pm_runtime_set_active: status active (runtime PM disabled)")
    public String set_active(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().setActive(d));
    }

    @Descriptor("pm_runtime_set_suspended: status suspended (runtime PM disabled)")
    public String set_suspended(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().setSuspended(d));
    }

    @Descriptor("pm_runtime_mark_last_busy: last_busy = now")
    public String mark_last_busy(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().markLastBusy(d));
    }

    @Descriptor("pm_runtime_set_autosuspend_delay: the autosuspend delay (negative: no autosuspend)")
    @Example("pm:set_autosuspend_delay 0000:01:00.0 2000")
    public String set_autosuspend_delay(@Descriptor(DEVICE) Args.DeviceName device,
            @Descriptor("the delay in ms (int)") Args.Int delayMs) {
        return voidOp(device, d -> rpm().setAutosuspendDelay(d, delayMs.value()));
    }

    @Descriptor("pm_runtime_use_autosuspend")
    public String use_autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().useAutosuspend(d));
    }

    @Descriptor("pm_runtime_dont_use_autosuspend")
    public String dont_use_autosuspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().dontUseAutosuspend(d));
    }

    @Descriptor("pm_runtime_no_callbacks: the device has no runtime PM callbacks")
    public String no_callbacks(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().noCallbacks(d));
    }

    @Descriptor("pm_runtime_irq_safe: callbacks run with interrupts off; the parent stays active")
    public String irq_safe(@Descriptor(DEVICE) Args.DeviceName device) {
        return voidOp(device, d -> rpm().irqSafe(d));
    }

    @Descriptor("pm_suspend_ignore_children: whether the device suspends with active children")
    @Example("pm:ignore_children p 1")
    public String ignore_children(@Descriptor(DEVICE) Args.DeviceName device,
            @Descriptor("1, y, on, true or 0, n, off, false") Args.KernelBool enable) {
        return voidOp(device, d -> rpm().suspendIgnoreChildren(d, enable.value()));
    }

    @Descriptor("pm_runtime_force_suspend: suspend regardless (system sleep's helper)")
    public String force_suspend(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().forceSuspend(d));
    }

    @Descriptor("pm_runtime_force_resume: undo pm_runtime_force_suspend")
    public String force_resume(@Descriptor(DEVICE) Args.DeviceName device) {
        return op(device, d -> rpm().forceResume(d));
    }
}
