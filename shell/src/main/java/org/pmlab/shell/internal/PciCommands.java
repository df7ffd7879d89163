package org.pmlab.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;

/** The {@code pci:} scope: the live machine's PCI functions, their power states, and binding. */
@Component(service = PciCommands.class, property = {"osgi.command.scope=pci",
    "osgi.command.function=tree", "osgi.command.function=list", "osgi.command.function=info",
    "osgi.command.function=bind", "osgi.command.function=unbind"})
public final class PciCommands {

    private final Steps steps;
    private final BulkBinding bulk;

    @Activate
    public PciCommands(@Reference Steps steps) {
        this.steps = steps;
        this.bulk = new BulkBinding(steps);
    }

    @Descriptor("show the PCI hierarchy with each function's power_state and runtime_status")
    public String tree() {
        return PciListing.tree(steps.machine(), System.out);
    }

    @Descriptor("list every PCI function: power state, runtime PM state and driver")
    public String list(@Descriptor("count the functions by driver, power state and runtime status instead")
            @Parameter(names = "--summary", presentValue = "true", absentValue = "false") boolean summary) {
        return summary ? PciListing.summary(steps.machine()) : PciListing.list(steps.machine(), System.out);
    }

    @Descriptor("show one function like lspci -vv: PM capability, power state and runtime PM (reads the model, does not wake the device)")
    public String info(@Descriptor("DDDD:BB:DD.F") String bdfText) {
        PciDevice d = Lookup.pci(steps.machine(), bdfText);
        StringBuilder sb = new StringBuilder();
        sb.append(d.bdf()).append(' ').append(PciNames.className(d.spec().classCode())).append(": ")
                .append(PciListing.describe(d)).append(String.format(" [%04x:%04x]", d.spec().vendor(), d.spec().device()));
        d.driver().ifPresent(drv -> sb.append("\n\tKernel driver in use: ").append(drv));
        PmCapability cap = d.spec().pm();
        if (cap == null) {
            sb.append("\n\tNo Power Management capability");
        } else {
            sb.append("\n\tCapabilities: Power Management version 3");
            sb.append("\n\t\tFlags: PMEClk- DSI- D1").append(sign(cap.d1())).append(" D2").append(sign(cap.d2()))
                    .append(" AuxCurrent=0mA PME(D0").append(sign(cap.pmeFrom(PowerState.D0)))
                    .append(",D1").append(sign(cap.pmeFrom(PowerState.D1)))
                    .append(",D2").append(sign(cap.pmeFrom(PowerState.D2)))
                    .append(",D3hot").append(sign(cap.pmeFrom(PowerState.D3HOT)))
                    .append(",D3cold").append(sign(cap.pmeFrom(PowerState.D3COLD))).append(')');
            int pmcsr = d.config().pmcsr();
            if (pmcsr == 0xffff) {
                sb.append("\n\t\tStatus: config space not accessible (the function has no power; lspci would resume it)");
            } else {
                sb.append("\n\t\tStatus: D").append(pmcsr & ConfigRegisters.PMCSR_STATE_MASK)
                        .append(" NoSoftRst").append(sign((pmcsr & ConfigRegisters.PMCSR_NO_SOFT_RESET) != 0))
                        .append(" PME-Enable").append(sign((pmcsr & ConfigRegisters.PMCSR_PME_ENABLE) != 0))
                        .append(" DSel=0 DScale=0 PME-");
            }
        }
        PmInfo i = d.pm().info();
        KeyValues kv = new KeyValues()
                .put("power_state", d.currentState().label())
                .put("d3cold_allowed", d.d3coldAllowed() ? 1 : 0);
        if (d.isBridge()) {
            kv.put("bridge_d3", d.bridgeD3() ? 1 : 0);
        }
        if (d.wakeupCapable()) {
            kv.put("power/wakeup", d.wakeupEnabled() ? "enabled" : "disabled");
        }
        kv.put("power/control", i.control())
                .put("power/runtime_status", i.runtimeStatus())
                .put("power/runtime_usage", i.usageCount())
                .put("power/runtime_active_kids", i.activeKids())
                .put("power/runtime_enabled", i.runtimeEnabled())
                .put("enable_cnt", d.enableCount())
                .put("driver_override", d.driverOverride().orElse("(null)"));
        if (d.spec().sriov() != null) {
            kv.put("sriov_totalvfs", d.spec().sriov().totalVfs()).put("sriov_numvfs", d.numVfs());
        }
        for (String line : kv.toString().split("\n")) {
            sb.append("\n\t").append(line);
        }
        return sb.toString();
    }

    private static String sign(boolean b) {
        return b ? "+" : "-";
    }

    @Descriptor("bind functions to a driver: sets driver_override, unbinds another driver, then binds (the usual vfio "
            + "recipe); a pattern or the options bind every function they select")
    public String bind(
            @Descriptor("only functions of this class: 0x03, 0x0300 or 0x030000") @Parameter(names = "--class",
                    absentValue = "") String classCode,
            @Descriptor("only functions with these IDs: VENDOR:DEVICE such as 10de:2230 or 10de:*") @Parameter(
                    names = "--id", absentValue = "") String ids,
            @Descriptor("only functions below this bridge") @Parameter(names = "--below", absentValue = "") String below,
            @Descriptor("DDDD:BB:DD.F, or a pattern such as 0000:4?:*.*") String bdfText,
            @Descriptor("driver name, e.g. vfio-pci") String driver) {
        if (PciSelection.isPattern(bdfText) || !classCode.isEmpty() || !ids.isEmpty() || !below.isEmpty()) {
            return bulk.bind(selection(classCode, ids, below, bdfText), driver);
        }
        Machine m = steps.machine();
        PciBus bus = m.pci();
        PciDevice d = Lookup.pci(m, bdfText);
        Bdf bdf = d.bdf();
        if (!bus.drivers().contains(driver)) {
            throw new IllegalArgumentException("no driver named '" + driver + "'; registered: " + String.join(", ", bus.drivers()));
        }
        if (d.driver().filter(driver::equals).isPresent()) {
            return bdf + " is already bound to " + driver;
        }
        int mark = steps.begin(m);
        check(bus.setDriverOverride(bdf, driver), "driver_override");
        if (d.driver().isPresent()) {
            check(bus.unbind(bdf), "unbind");
        }
        int r = bus.bind(bdf, driver);
        String out = steps.end(m, mark, null);
        if (r < 0) {
            throw new IllegalStateException("bind " + bdf + " to " + driver + ": " + Errno.describe(r)
                    + (out == null ? "" : " (" + out.replace('\n', ' ') + ")"));
        }
        return out;
    }

    @Descriptor("bind every function the options select to a driver")
    public String bind(
            @Descriptor("only functions of this class: 0x03, 0x0300 or 0x030000") @Parameter(names = "--class",
                    absentValue = "") String classCode,
            @Descriptor("only functions with these IDs: VENDOR:DEVICE such as 10de:2230 or 10de:*") @Parameter(
                    names = "--id", absentValue = "") String ids,
            @Descriptor("only functions below this bridge") @Parameter(names = "--below", absentValue = "") String below,
            @Descriptor("driver name, e.g. vfio-pci") String driver) {
        return bulk.bind(selection(classCode, ids, below, null), driver);
    }

    @Descriptor("unbind functions from their drivers; a pattern or the options unbind every function they select")
    public String unbind(
            @Descriptor("only functions of this class: 0x03, 0x0300 or 0x030000") @Parameter(names = "--class",
                    absentValue = "") String classCode,
            @Descriptor("only functions with these IDs: VENDOR:DEVICE such as 10de:2230 or 10de:*") @Parameter(
                    names = "--id", absentValue = "") String ids,
            @Descriptor("only functions below this bridge") @Parameter(names = "--below", absentValue = "") String below,
            @Descriptor("DDDD:BB:DD.F, or a pattern such as 0000:4?:*.*") String bdfText) {
        if (PciSelection.isPattern(bdfText) || !classCode.isEmpty() || !ids.isEmpty() || !below.isEmpty()) {
            return bulk.unbind(selection(classCode, ids, below, bdfText));
        }
        Machine m = steps.machine();
        PciDevice d = Lookup.pci(m, bdfText);
        Bdf bdf = d.bdf();
        if (d.driver().isEmpty()) {
            throw new IllegalArgumentException(bdf + " is not bound to a driver");
        }
        int mark = steps.begin(m);
        int r = m.pci().unbind(bdf);
        String out = steps.end(m, mark, null);
        check(r, "unbind");
        return out;
    }

    @Descriptor("unbind every function the options select")
    public String unbind(
            @Descriptor("only functions of this class: 0x03, 0x0300 or 0x030000") @Parameter(names = "--class",
                    absentValue = "") String classCode,
            @Descriptor("only functions with these IDs: VENDOR:DEVICE such as 10de:2230 or 10de:*") @Parameter(
                    names = "--id", absentValue = "") String ids,
            @Descriptor("only functions below this bridge") @Parameter(names = "--below", absentValue = "") String below) {
        return bulk.unbind(selection(classCode, ids, below, null));
    }

    /** The functions a bulk bind or unbind acts on; the target, when given, is an address or a pattern. */
    private PciSelection selection(String classCode, String ids, String below, String target) {
        PciSelection s = new PciSelection();
        if (target != null) {
            if (PciSelection.isPattern(target)) {
                s.address(target);
            } else {
                s.address(Lookup.pci(steps.machine(), target).bdf().toString());
            }
        }
        if (!classCode.isEmpty()) {
            s.classCode(classCode);
        }
        if (!ids.isEmpty()) {
            s.ids(ids);
        }
        if (!below.isEmpty()) {
            s.below(steps.machine(), below);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("nothing selected: give an address, a pattern, --class, --id or --below");
        }
        return s;
    }

    private static void check(int r, String what) {
        if (r < 0) {
            throw new IllegalStateException(what + ": " + Errno.describe(r));
        }
    }
}
