package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;

/**
 * pci-stub (drivers/pci/pci-stub.c): claims a device and does nothing else. It has no
 * dev_pm_ops, so runtime PM never suspends a device bound to it (idle gives -ENOSYS).
 */
@Kernel(file = "drivers/pci/pci-stub.c")
final class PciStubDriver implements PciDriver {

    static final String NAME = "pci-stub";

    @Override
    public String name() {
        return NAME;
    }

    @Kernel("pci_stub_probe")
    @Override
    public int probe(PciDevice dev) {
        return 0;
    }

    @Override
    public void remove(PciDevice dev) {
    }

    @Override
    public java.util.List<org.pmlab.pci.api.PmHold> pmHolds(PciDevice dev) {
        return java.util.List.of(new org.pmlab.pci.api.PmHold(1, "local_pci_probe",
                "pci-stub does not use runtime PM and keeps the probe reference", "unbind pci-stub"));
    }

    @Override
    public DevPmOps pm() {
        return null;
    }
}
