package org.pmlab.pm.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The device registry of one machine ({@code device_add}/{@code device_del} for runtime PM). */
@ProviderType
public interface PmDevices {
    /**
     * Registers a device; runtime PM starts as {@code pm_runtime_init} leaves it: disabled,
     * suspended, usage 0.
     *
     * @param subsystemOps the bus/type/class callbacks, or {@code null} for none (a bare device)
     * @throws IllegalArgumentException if the name is taken or the parent is not of this machine
     */
    PmDevice add(String name, PmDevice parent, DevPmOps subsystemOps);

    /** Sets the bound driver's callbacks, reached when the subsystem table lacks one ({@code __rpm_get_callback}). */
    void setDriverOps(PmDevice dev, DevPmOps driverOps);

    /** Unregisters a device ({@code device_del}: runtime PM disabled without resume). */
    void remove(PmDevice dev);

    Optional<PmDevice> find(String name);

    /**
     * @throws IllegalArgumentException naming the device when there is none
     */
    PmDevice get(String name);

    /** Every device, in registration order. */
    List<PmDevice> all();
}
