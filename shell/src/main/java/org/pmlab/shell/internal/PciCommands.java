package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;

/** The {@code pci:} scope: the live machine's PCI functions, their power states, and binding. */
@Component(service = PciCommands.class, property = {"osgi.command.scope=pci",
    CommandCatalog.SCOPE_DESCRIPTION + "=PCI functions of the live machine: hierarchy, power states, driver binding",
    "osgi.command.function=tree", "osgi.command.function=list", "osgi.command.function=info",
    "osgi.command.function=bind", "osgi.command.function=unbind"})
public final class PciCommands {

    static final String BDF = "a PCI function, DDDD:BB:DD.F (pci:list shows them)";
    private static final String TARGET = "a PCI function, DDDD:BB:DD.F, or a pattern of them such as 0000:4?:*.* "
            + "(? one hex digit, * any digits of a field)";
    private static final String DRIVER = "a registered driver, e.g. vfio-pci";
    private static final String CLASS = "only functions of this class: 0x03, 0x0300 or 0x030000";
    private static final String IDS = "only functions with these IDs: VENDOR:DEVICE such as 10de:2230 or 10de:*";
    private static final String BELOW = "only functions below this bridge";

    private final Steps steps;
    private final BulkBinding bulk;

    @Activate
    public PciCommands(@Reference Steps steps) {
        this.steps = steps;
        this.bulk = new BulkBinding(steps);
    }

    @Descriptor("show the PCI hierarchy with each function's driver, power_state and runtime_status")
    @Example("pci:tree")
    public Object tree(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        PciViews.Tree tree = PciListing.tree(steps.machine());
        return json ? new Json(tree) : tree;
    }

    static String describe(PciDevice d) {
        return PciListing.describe(d);
    }

    @Descriptor("list every PCI function: power state, runtime PM state and driver")
    @Example("pci:list")
    @Example("pci:list | grep vfio-pci")
    @Example("pci:list --json")
    @Example("pci:list --summary")
    public Object list(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json,
            @Descriptor("count the functions by driver, power state and runtime status instead") @Parameter(
                    names = "--summary", presentValue = "true", absentValue = "false") boolean summary) {
        Object view = summary ? PciListing.summary(steps.machine()) : PciListing.list(steps.machine());
        return json ? new Json(view) : view;
    }

    @Descriptor("show one function like lspci -vv: PM capability, power state and runtime PM (reads the model, does not wake the device)")
    @Example("pci:info 0000:01:00.0")
    public Object info(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor(BDF) Bdf bdf) {
        PciDevice d = steps.machine().pci().get(bdf);
        List<String> cap = new ArrayList<>();
        PmCapability pm = d.spec().pm();
        if (pm == null) {
            cap.add("\tNo Power Management capability");
        } else {
            cap.add("\tCapabilities: Power Management version 3");
            cap.add("\t\tFlags: PMEClk- DSI- D1" + sign(pm.d1()) + " D2" + sign(pm.d2())
                    + " AuxCurrent=0mA PME(D0" + sign(pm.pmeFrom(PowerState.D0))
                    + ",D1" + sign(pm.pmeFrom(PowerState.D1)) + ",D2" + sign(pm.pmeFrom(PowerState.D2))
                    + ",D3hot" + sign(pm.pmeFrom(PowerState.D3HOT)) + ",D3cold" + sign(pm.pmeFrom(PowerState.D3COLD)) + ")");
            int pmcsr = d.config().pmcsr();
            if (pmcsr == 0xffff) {
                cap.add("\t\tStatus: config space not accessible (the function has no power; lspci would resume it)");
            } else {
                cap.add("\t\tStatus: D" + (pmcsr & ConfigRegisters.PMCSR_STATE_MASK)
                        + " NoSoftRst" + sign((pmcsr & ConfigRegisters.PMCSR_NO_SOFT_RESET) != 0)
                        + " PME-Enable" + sign((pmcsr & ConfigRegisters.PMCSR_PME_ENABLE) != 0) + " DSel=0 DScale=0 PME-");
            }
        }
        PmInfo i = d.pm().info();
        PciViews.Info info = new PciViews.Info(d.bdf(), PciClassNames.of(d.spec().classCode()), describe(d),
                String.format("%04x:%04x", d.spec().vendor(), d.spec().device()), d.driver().orElse(null), cap,
                d.currentState().label(), d.d3coldAllowed() ? 1 : 0, d.isBridge() ? (d.bridgeD3() ? 1 : 0) : null,
                d.wakeupCapable() ? (d.wakeupEnabled() ? "enabled" : "disabled") : null, i.control(), i.runtimeStatus(),
                i.usageCount(), i.activeKids(), i.runtimeEnabled(), d.enableCount(), d.driverOverride().orElse(null),
                d.spec().sriov() == null ? null : d.spec().sriov().totalVfs(),
                d.spec().sriov() == null ? null : d.numVfs());
        return json ? new Json(info) : info;
    }

    private static String sign(boolean b) {
        return b ? "+" : "-";
    }

    @Descriptor("bind functions to a driver: sets driver_override, unbinds another driver, then binds (the usual vfio"
            + " recipe); for one function, a failed bind puts the previous driver and driver_override back; a pattern"
            + " or the options bind every function they select, time settling once after the last")
    @Example("pci:bind 0000:01:00.0 vfio-pci")
    @Example("pci:bind '0000:0?:00.*' vfio-pci")
    @Example("pci:bind --id 10de:* --below 0000:00:01.0 vfio-pci")
    public String bind(@Descriptor(CLASS) @Parameter(names = "--class", absentValue = Args.PciClass.ABSENT) Args.PciClass classCode,
            @Descriptor(IDS) @Parameter(names = "--id", absentValue = Args.PciIds.ABSENT) Args.PciIds ids,
            @Descriptor(BELOW) @Parameter(names = "--below", absentValue = Args.BridgeBdf.ABSENT) Args.BridgeBdf below,
            @Descriptor(TARGET) Args.PciAddresses target, @Descriptor(DRIVER) Args.DriverName driver) {
        if (target.isPattern() || !classCode.absent() || !ids.absent() || !below.absent()) {
            return bulk.bind(PciSelection.of(steps.machine(), classCode, ids, below, target), driver.text());
        }
        return bindOne(target.bdf(), driver);
    }

    @Descriptor("bind every function the options select to a driver")
    @Example("pci:bind --class 0x0300 vfio-pci")
    public String bind(@Descriptor(CLASS) @Parameter(names = "--class", absentValue = Args.PciClass.ABSENT) Args.PciClass classCode,
            @Descriptor(IDS) @Parameter(names = "--id", absentValue = Args.PciIds.ABSENT) Args.PciIds ids,
            @Descriptor(BELOW) @Parameter(names = "--below", absentValue = Args.BridgeBdf.ABSENT) Args.BridgeBdf below,
            @Descriptor(DRIVER) Args.DriverName driver) {
        return bulk.bind(PciSelection.of(steps.machine(), classCode, ids, below, null), driver.text());
    }

    /** The usual recipe for one function, put back if the bind fails. */
    private String bindOne(Bdf bdf, Args.DriverName driver) {
        Machine m = steps.machine();
        PciBus bus = m.pci();
        PciDevice d = bus.get(bdf);
        String name = driver.text();
        if (!bus.drivers().contains(name)) {
            throw new IllegalArgumentException("no driver named '" + name + "'; registered: " + String.join(", ", bus.drivers()));
        }
        if (d.driver().filter(name::equals).isPresent()) {
            return bdf + " is already bound to " + name;
        }
        String oldOverride = d.driverOverride().orElse(null);
        Optional<String> oldDriver = d.driver();
        int mark = steps.begin(m);
        int r = bus.setDriverOverride(bdf, name);
        if (r < 0) {
            fail(m, mark, "driver_override: " + Errno.describe(r));
        }
        if (oldDriver.isPresent()) {
            r = bus.unbind(bdf);
            if (r < 0) {
                bus.setDriverOverride(bdf, oldOverride);
                fail(m, mark, "unbind from " + oldDriver.get() + ": " + Errno.describe(r));
            }
        }
        r = bus.bind(bdf, name);
        if (r < 0) {
            // put back what this command changed, override first: it decides who may bind
            bus.setDriverOverride(bdf, oldOverride);
            String back = "";
            if (oldDriver.isPresent()) {
                int again = bus.bind(bdf, oldDriver.get());
                back = again < 0 ? "; rebinding " + oldDriver.get() + " failed too: " + Errno.describe(again)
                        : "; bound to " + oldDriver.get() + " again";
            }
            fail(m, mark, "bind " + bdf + " to " + name + ": " + Errno.describe(r) + back);
        }
        return steps.end(m, mark, null);
    }

    /** Ends the step and fails with {@code what} and the kernel lines it logged, on one line. */
    private void fail(Machine m, int mark, String what) {
        String out = steps.end(m, mark, null);
        throw new IllegalStateException(what + (out == null ? "" : " (" + out.replace('\n', ' ') + ")"));
    }

    @Descriptor("unbind functions from their drivers; a pattern or the options unbind every function they select")
    @Example("pci:unbind 0000:01:00.0")
    @Example("pci:unbind '0000:0?:00.*'")
    public String unbind(@Descriptor(CLASS) @Parameter(names = "--class", absentValue = Args.PciClass.ABSENT) Args.PciClass classCode,
            @Descriptor(IDS) @Parameter(names = "--id", absentValue = Args.PciIds.ABSENT) Args.PciIds ids,
            @Descriptor(BELOW) @Parameter(names = "--below", absentValue = Args.BridgeBdf.ABSENT) Args.BridgeBdf below,
            @Descriptor(TARGET) Args.PciAddresses target) {
        if (target.isPattern() || !classCode.absent() || !ids.absent() || !below.absent()) {
            return bulk.unbind(PciSelection.of(steps.machine(), classCode, ids, below, target));
        }
        return unbindOne(target.bdf());
    }

    @Descriptor("unbind every function the options select from its driver")
    @Example("pci:unbind --below 0000:00:01.0")
    public String unbind(@Descriptor(CLASS) @Parameter(names = "--class", absentValue = Args.PciClass.ABSENT) Args.PciClass classCode,
            @Descriptor(IDS) @Parameter(names = "--id", absentValue = Args.PciIds.ABSENT) Args.PciIds ids,
            @Descriptor(BELOW) @Parameter(names = "--below", absentValue = Args.BridgeBdf.ABSENT) Args.BridgeBdf below) {
        return bulk.unbind(PciSelection.of(steps.machine(), classCode, ids, below, null));
    }

    private String unbindOne(Bdf bdf) {
        Machine m = steps.machine();
        PciDevice d = m.pci().get(bdf);
        if (d.driver().isEmpty()) {
            throw new IllegalArgumentException(bdf + " is not bound to a driver");
        }
        int mark = steps.begin(m);
        int r = m.pci().unbind(bdf);
        if (r < 0) {
            fail(m, mark, "unbind: " + Errno.describe(r));
        }
        return steps.end(m, mark, null);
    }
}
