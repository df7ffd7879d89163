package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;

/**
 * The PCIe port driver (drivers/pci/pcie/portdrv_pci.c, 6.1) for root, upstream and downstream
 * ports: runtime PM with a 100 ms autosuspend when the port may go to D3, and idle/suspend
 * refused while the cached {@code bridge_d3} is false.
 */
@Kernel(file = "drivers/pci/pcie/portdrv_pci.c")
final class PcieportDriver implements PciDriver {

    static final String NAME = "pcieport";
    private static final int AUTOSUSPEND_MS = 100;

    private final PciHost host;
    private final DevPmOps ops;

    PcieportDriver(PciHost host) {
        this.host = host;
        // to_pci_dev(dev)->bridge_d3, read from the function that embeds the device
        this.ops = new DevPmOps(d -> PciDev.of(d).bridgeD3 ? 0 : Errno.EBUSY.negative(),
                d -> 0,
                d -> PciDev.of(d).bridgeD3 ? 0 : Errno.EBUSY.negative());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean matchesId(PciDevice dev) {
        return dev.spec().portType().isPort(); // class 0x0604 with a PCIe port type
    }

    @Kernel("pcie_portdrv_probe")
    @Override
    public int probe(PciDevice d) {
        PciDev dev = host.own(d);
        if (!dev.spec.portType().isPort()) {
            return Errno.ENODEV.negative();
        }
        int status = host.core().enableDevice(dev); // pcie_port_device_register
        if (status != 0) {
            return status;
        }
        host.pme().probe(dev); // the PME service, one of the port services registered here
        dev.config.writeCommand(dev.config.command() | ConfigRegisters.COMMAND_MASTER);
        host.core().saveState(dev);
        // asks whether D3 is possible now; the callbacks later read the cached bridge_d3
        dev.portPmAllowedAtProbe = host.bridgeD3().possible(dev);
        if (dev.portPmAllowedAtProbe) {
            host.rpm().setAutosuspendDelay(dev.pm, AUTOSUSPEND_MS);
            host.rpm().useAutosuspend(dev.pm);
            host.rpm().markLastBusy(dev.pm);
            host.rpm().putAutosuspend(dev.pm);
            host.rpm().allow(dev.pm);
        }
        return 0;
    }

    @Kernel("pcie_portdrv_remove")
    @Override
    public void remove(PciDevice d) {
        PciDev dev = host.own(d);
        if (host.bridgeD3().possible(dev)) {
            host.rpm().forbid(dev.pm);
            host.rpm().getNoresume(dev.pm);
            host.rpm().dontUseAutosuspend(dev.pm);
        }
        host.core().disableDevice(dev);
    }

    @Override
    public java.util.List<org.pmlab.pci.api.PmHold> pmHolds(PciDevice d) {
        PciDev dev = host.own(d);
        if (dev.portPmAllowedAtProbe) {
            return java.util.List.of();
        }
        return java.util.List.of(new org.pmlab.pci.api.PmHold(1, "local_pci_probe",
                "pcie_portdrv_probe found pci_bridge_d3_possible()=0 and kept the probe reference",
                "rebind pcieport (or reboot) once pci_bridge_d3_possible() allows D3"));
    }

    @Override
    public DevPmOps pm() {
        return ops;
    }
}
