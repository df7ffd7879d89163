package org.pmlab.pci.internal;

import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.RuntimePm;

/**
 * A driver that uses runtime PM the way the PCI core expects: it drops the probe reference and
 * allows runtime PM at probe, and takes both back at remove. It has no callbacks of its own.
 */
final class RuntimePmTestDriver implements PciDriver {
    static final String NAME = "rpm-test";
    private final RuntimePm rpm;

    RuntimePmTestDriver(RuntimePm rpm) {
        this.rpm = rpm;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int probe(PciDevice dev) {
        rpm.allow(dev.pm());
        rpm.putNoidle(dev.pm());
        return 0;
    }

    @Override
    public void remove(PciDevice dev) {
        rpm.getNoresume(dev.pm());
        rpm.forbid(dev.pm());
    }

    @Override
    public DevPmOps pm() {
        return DevPmOps.EMPTY;
    }
}
