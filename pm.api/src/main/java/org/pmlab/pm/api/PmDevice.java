package org.pmlab.pm.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** A handle to one device of a simulated machine, as {@code struct device *} is to the kernel. */
@ProviderType
public interface PmDevice {
    /** The device name: a BDF for PCI functions, any name for bare devices. */
    String name();

    /** The parent in the device tree, whose runtime PM follows this device's. */
    Optional<PmDevice> parent();

    /** A consistent snapshot of every runtime PM field of the device. */
    PmInfo info();

    /**
     * {@code dev_get_drvdata}: what the driver bound to the device keeps for it, or null. A
     * runtime PM callback finds its driver's state here, as the kernel's do.
     */
    Object driverData();

    /** {@code dev_set_drvdata}: set by a driver at probe, cleared (null) when it lets go of the device. */
    void setDriverData(Object data);
}
