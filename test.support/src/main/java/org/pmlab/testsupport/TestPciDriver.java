package org.pmlab.testsupport;

import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.RuntimePm;

/**
 * A driver that uses runtime PM the way the PCI core expects (as vfio-pci's runtime PM
 * generation does at register time): optionally D0 first, then {@code pm_runtime_allow} and the
 * probe reference dropped; both taken back at remove. It has no callbacks of its own.
 * {@link #open}/{@link #close} stand for a user opening and closing the device.
 */
public final class TestPciDriver implements PciDriver {
    public static final String NAME = "rpm-test";

    private final RuntimePm rpm;
    private final PciCore core;

    /** A driver that leaves the power state to the PCI core at probe. */
    public TestPciDriver(RuntimePm rpm) {
        this(rpm, null);
    }

    /** A driver that brings the device to D0 through {@code core} at probe ({@code pci_set_power_state}). */
    public TestPciDriver(RuntimePm rpm, PciCore core) {
        this.rpm = rpm;
        this.core = core;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int probe(PciDevice dev) {
        if (core != null) {
            core.setPowerState(dev, PowerState.D0);
        }
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

    /** What opening the device does: {@code pm_runtime_resume_and_get}. */
    public int open(PciDevice dev) {
        return rpm.resumeAndGet(dev.pm());
    }

    /** What closing it does: {@code pm_runtime_put}. */
    public int close(PciDevice dev) {
        return rpm.put(dev.pm());
    }
}
