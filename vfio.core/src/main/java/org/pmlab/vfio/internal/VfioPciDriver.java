package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.DriverContext;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.PmHold;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RuntimePm;

/**
 * vfio-pci on one machine: the PCI driver the bus calls, and the hub its parts share
 * (drivers/vfio/pci/vfio_pci.c and vfio_pci_core.c). Behaviour follows the machine's kernel
 * through {@link Era}. Devices are bound through {@code driver_override} (no static ID table).
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci.c")
final class VfioPciDriver implements PciDriver {

    static final String NAME = "vfio-pci";

    final DriverContext machine;
    final Era era;
    final RuntimePm rpm;
    final PciCore core;
    private final BooleanSupplier disableIdleD3;

    /** How many functions hold a vfio device in their drvdata; guarded by this. */
    private int bound;

    final VfioFaults faults;
    final DeviceSets devSets = new DeviceSets(this);
    final PowerControl power = new PowerControl(this);
    final Registration registration = new Registration(this);
    final OpenClose openClose = new OpenClose(this);
    final SetPm setPm = new SetPm(this);
    final SetReset setReset = new SetReset(this);
    final HotReset hotReset = new HotReset(this);
    final SriovConfig sriov = new SriovConfig(this);
    final Intx intx = new Intx(this);
    final LowPower lowPower = new LowPower(this);
    final FeatureIoctl features = new FeatureIoctl(this);
    final BarMaps maps = new BarMaps(this);
    final DeviceAccess access = new DeviceAccess(this);
    final VfioUserImpl user = new VfioUserImpl(this);
    private final RuntimeCallbacks callbacks = new RuntimeCallbacks(this);

    VfioPciDriver(DriverContext machine, BooleanSupplier disableIdleD3) {
        this.machine = machine;
        this.era = Era.of(machine.kernel());
        this.rpm = machine.runtimePm();
        this.core = machine.pciCore();
        this.disableIdleD3 = disableIdleD3;
        this.faults = new VfioFaults(machine);
    }

    /** This machine's write of the module parameter, if any; else Config Admin's value. */
    private volatile Boolean disableIdleD3Written;

    /** {@code /sys/module/vfio_pci/parameters/disable_idle_d3} on this machine. */
    boolean moduleParameter() {
        Boolean written = disableIdleD3Written;
        return written != null ? written : disableIdleD3.getAsBoolean();
    }

    /** A write of the module parameter; vfio-pci-core takes it as {@link #disableIdleD3AtProbe} says. */
    void writeDisableIdleD3(boolean value) {
        disableIdleD3Written = value;
    }

    /**
     * vfio-pci-core's copy of {@code disable_idle_d3}: vfio-pci hands it over once, when the module
     * loads ({@code vfio_pci_core_set_params}), so every device the module drives sees one value.
     * Loading again with nothing bound cannot be told apart from a reload, so the module takes
     * the parameter anew when it probes a device while none is bound; while any is bound it keeps
     * the value it loaded with.
     */
    private boolean coreDisableIdleD3;

    /** The value a device being probed gets (see {@link #coreDisableIdleD3}). */
    synchronized boolean disableIdleD3AtProbe() {
        if (bound == 0) {
            coreDisableIdleD3 = moduleParameter();
        }
        return coreDisableIdleD3;
    }

    /** The value in force for the devices bound now; the module parameter when none is. */
    synchronized boolean disableIdleD3InForce() {
        return bound == 0 ? moduleParameter() : coreDisableIdleD3;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int probe(PciDevice dev) {
        return registration.register(dev);
    }

    @Override
    public void remove(PciDevice dev) {
        registration.unregister(dev);
    }

    /**
     * Before the patch: none, so the PCI core's idle refuses to suspend a bound device. The patch
     * installs {@code vfio_pci_core_pm_ops} at the first register and never removes it; the model
     * has it from the start, which no path can tell apart. Empty in 5.19/6.0, callbacks in 6.1.
     */
    @Override
    public DevPmOps pm() {
        return switch (era) {
            case LEGACY -> null;
            case RUNTIME_PM -> DevPmOps.EMPTY;
            case LOW_POWER -> callbacks.ops;
        };
    }

    /** {@code vfio_pci_bus_notifier}: a VF of a PF this driver owns is steered to vfio-pci. */
    @Kernel("vfio_pci_bus_notifier")
    @Override
    public void busNotifyAddDevice(PciDevice dev) {
        if (!dev.isVirtfn()) {
            return;
        }
        PciDevice pf = dev.physfn().orElseThrow();
        CoreDevice owner = core(pf);
        if (owner == null || owner.pdev != pf) {
            return;
        }
        log(pf, "Captured SR-IOV VF " + dev.bdf() + " driver_override set to " + NAME);
        machine.pci().setDriverOverride(dev.bdf(), NAME);
    }

    @Override
    public boolean hasSriovConfigure() {
        return true;
    }

    @Override
    public int sriovConfigure(PciDevice dev, int numVfs) {
        CoreDevice v = core(dev);
        if (v == null || v.pdev != dev) {
            return Errno.ENODEV.negative();
        }
        return sriov.configure(v, numVfs);
    }

    /** The references vfio-pci holds on a bound device, each with the function that took it (for pci:why). */
    @Override
    public List<PmHold> pmHolds(PciDevice dev) {
        CoreDevice v = core(dev);
        if (v == null || v.pdev != dev) {
            return List.of();
        }
        List<PmHold> out = new ArrayList<>();
        if (!era.usesRuntimePm()) {
            out.add(new PmHold(1, "local_pci_probe", "vfio-pci before 5.19 keeps the probe reference and leaves runtime PM "
                    + "forbidden; it writes D3hot itself (vfio_pci_set_power_state), so the bridge above stays in D0",
                    "kernel 5.19 or later (sim:kernel 6.1): vfio-pci uses runtime PM"));
            return out;
        }
        boolean engaged = v.pmRuntimeEngaged;
        if (v.disableIdleD3) {
            out.add(engaged ? new PmHold(0, "vfio_pci_runtime_pm_entry",
                    "disable_idle_d3=1, but low power engaged: the kept probe reference was dropped", null)
                    : new PmHold(1, "vfio_pci_core_register_device", "disable_idle_d3=1: the probe reference is kept while bound",
                            "vfio:param disable_idle_d3 0, then rebind " + dev.bdf() + " to vfio-pci"));
        } else if (v.openCount > 0) {
            out.add(engaged ? new PmHold(0, "vfio_pci_runtime_pm_entry",
                    "open, low power engaged: the open reference was dropped", null)
                    : new PmHold(1, "vfio_pci_core_enable", "open by a user (" + user.fds(dev.bdf()).size() + " fd)",
                            "close " + dev.bdf() + (era.hasLowPowerFeature() ? ", or enter low power (vfio:low-power "
                                    + dev.bdf() + " enter)" : "")));
        }
        if (dev.numVfs() > 0) {
            out.add(new PmHold(1, "vfio_pci_core_sriov_configure", "PF of " + dev.numVfs() + " enabled VFs",
                    "disable the VFs (vfio:sriov " + dev.bdf() + " 0)"));
        }
        int inFlight = user.accessesHoldingPm(v);
        if (inFlight > 0) {
            out.add(new PmHold(inFlight, "vfio_pci_rw", "BAR access in flight (memory_lock held)",
                    "finish the access (releaseMemoryLock)"));
        }
        return out;
    }

    /** {@code VFIO_DEVICE_RESET}: a function reset with BAR mappings zapped and BAR access blocked. */
    int deviceReset(CoreDevice v) {
        if (!v.resetWorks) {
            return Errno.EINVAL.negative();
        }
        maps.zapAndDownWrite(v);
        try {
            if (era.deviceResetGoesToD0()) {
                power.set(v, PowerState.D0);
            }
            return core.tryResetFunction(v.pdev);
        } finally {
            v.memoryWrite().unlock();
        }
    }

    List<CoreDevice> devicesInOrder() {
        List<CoreDevice> out = new ArrayList<>();
        for (PciDevice p : machine.pci().devices()) {
            CoreDevice v = core(p);
            if (v != null) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(v -> v.pdev.bdf()));
        return out;
    }

    /**
     * {@code dev_get_drvdata}: the vfio device of a function bound here, or null. Kept on the
     * function's device, as the kernel keeps it, so a runtime PM callback finds it without a
     * lookup by name.
     */
    static CoreDevice core(PmDevice dev) {
        return dev.driverData() instanceof CoreDevice v ? v : null;
    }

    static CoreDevice core(PciDevice dev) {
        return core(dev.pm());
    }

    /** The vfio device of the function at {@code bdf}, or null. */
    CoreDevice core(Bdf bdf) {
        return machine.pci().find(bdf).map(VfioPciDriver::core).orElse(null);
    }

    /** {@code dev_set_drvdata} at probe: the runtime callbacks find the device from now on. */
    synchronized void attach(CoreDevice v) {
        v.pm().setDriverData(v);
        bound++;
    }

    /** {@code dev_set_drvdata(dev, NULL)} when vfio-pci lets go of the device; false if it held another. */
    synchronized boolean detach(CoreDevice v) {
        if (v.pm().driverData() != v) {
            return false;
        }
        v.pm().setDriverData(null);
        bound--;
        return true;
    }

    void log(PciDevice p, String message) {
        machine.log().print(NAME + " " + p.bdf() + ": " + message);
    }

    void trace(CoreDevice v, String text) {
        if (machine.trace().observed()) {
            String name = v.name();
            machine.trace().emit("vfio_pci", name, name + " " + text);
        }
    }
}
