package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PortType;

/**
 * The PCIe PME service driver (drivers/pci/pcie/pme.c), probed through the port driver on root
 * ports. Its lasting effect on power management is {@code pcie_pme_mark_devices}: the port and
 * every function below it become wake-up capable, PME capability or not, so their
 * {@code power/wakeup} exists (reading "disabled"). Functions added later (VFs) are not marked.
 *
 * <p>The service needs native PME control ({@code pcie_ports_native} or the host bridge's
 * {@code native_pme} from _OSC); the model grants it, as a platform without _OSC would.
 */
@Kernel(file = "drivers/pci/pcie/pme.c")
final class PciePme {

    private final PciHost host;

    PciePme(PciHost host) {
        this.host = host;
    }

    /** {@code pcie_pme_probe}: only root ports (RC event collectors are not modelled). */
@Kernel("pcie_pme_probe")
    void probe(PciDev port) {
        if (port.spec.portType() != PortType.ROOT_PORT) {
            return;
        }
        markDevices(port);
    }

    /**
     * {@code pcie_pme_mark_devices}: {@code pcie_pme_can_wakeup} on the port, then
     * {@code pci_walk_bus} below it. The walk covers every function the scan found, also those
     * not yet added to the bus (at boot the port probes before its children are added).
     */
    @Kernel({"pcie_pme_mark_devices", "pcie_pme_can_wakeup"})
    private void markDevices(PciDev port) {
        host.wakeup().setCapable(port, true);
        markBelow(port);
    }

    private void markBelow(PciDev bridge) {
        for (PciDev d : bridge.subordinates) {
            host.wakeup().setCapable(d, true);
            markBelow(d);
        }
    }
}
