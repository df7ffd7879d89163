package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.topology.api.DeviceSpec;

/**
 * Devices coming and going: {@code pci_device_add} (with {@code pci_pm_init}'s defaults),
 * {@code pci_bus_add_device} (bridge D3 re-evaluation, then driver attach) and
 * {@code pci_stop_and_remove_bus_device}.
 */
@Kernel(file = "drivers/pci/probe.c")
final class Enumeration {

    private final PciHost host;

    Enumeration(PciHost host) {
        this.host = host;
    }

    /** Firmware-assigned BAR values, distinct per function, so a lost configuration is visible. */
    static int[] assignedBars(Bdf bdf) {
        int base = 0xe0000000 | (bdf.bus() << 20) | (bdf.devfn() << 12);
        return new int[] {base, 0, base | 0x100, 0, 0, 0};
    }

    /** {@code pci_device_add}: the function appears, with {@code pci_pm_init}'s runtime PM defaults. */
    @Kernel("pci_device_add")
    PciDev addDevice(DeviceSpec spec, PciDev physfn) {
        return addDevice(spec.bdf(), spec, physfn);
    }

    /** A function at {@code bdf} with the facts of {@code spec} (for a VF, its PF's shared VF spec). */
    PciDev addDevice(Bdf bdf, DeviceSpec spec, PciDev physfn) {
        PciDev bridge = spec.parent() == null ? null : host.find(spec.parent());
        PciDev dev = new PciDev(bdf, spec, bridge, physfn);
        dev.resets = host.resets();
        RpmDevice parentPm = bridge != null ? bridge.pm : host.hostBridge(bdf);
        dev.pm = host.registry().add(dev, parentPm, host.busPm().ops()); // named by, and owned by, the function
        host.index(dev);
        host.ledger().add(dev);
        pmInit(dev);
        return dev;
    }

    /** {@code pci_pm_init}: forbidden, active and enabled (usage 1); D3cold allowed only with a PM capability. */
    @Kernel(value = "pci_pm_init", file = "drivers/pci/pci.c")
    private void pmInit(PciDev dev) {
        host.rpm().forbid(dev.pm);
        host.rpm().setActive(dev.pm);
        host.rpm().enable(dev.pm);
        if (!dev.hasPmCap()) {
            return; // d3cold_allowed and bridge_d3 stay 0 (sysfs d3cold_allowed reads 0)
        }
        dev.bridgeD3 = host.bridgeD3().possible(dev);
        dev.d3coldAllowed = true;
        // PME from any state: wake-up capable, left disabled for user space (the topology's
        // "wakeup" stands for user space having enabled it at boot)
        if (!dev.spec.pm().pmeStates().isEmpty()) {
            host.wakeup().setCapable(dev, true);
            if (dev.spec.wakeup()) {
                host.wakeup().enable(dev);
            }
        }
    }

    /** {@code pci_bus_add_device}: registered, bridge D3 re-evaluated, then a driver attached if one matches. */
    @Kernel(value = "pci_bus_add_device", file = "drivers/pci/bus.c")
    void busAddDevice(PciDev dev) {
        dev.registered = true;
        host.gpuLinks().fixupFinal(dev); // pci_fixup_device(pci_fixup_final, dev)
        host.bridgeD3().update(dev);
        post(ModelEvents.PCI_ADD, dev);
        host.binding().notifyAdd(dev);
        host.binding().attach(dev);
    }

    /** {@code pci_stop_and_remove_bus_device} for a function without children (VFs). */
    @Kernel(value = "pci_stop_and_remove_bus_device", file = "drivers/pci/remove.c")
    void removeDevice(PciDev dev) {
        host.binding().release(dev);
        dev.registered = false;
        host.unindex(dev);
        host.registry().removeLeavingChildren(dev.pm);
        host.ledger().removed(dev);
        host.bridgeD3().update(dev);
        post(ModelEvents.PCI_REMOVE, dev);
    }

    private void post(String topic, PciDev dev) {
        host.post(topic, dev);
    }
}
