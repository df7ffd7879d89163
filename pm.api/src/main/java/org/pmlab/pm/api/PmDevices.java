package org.pmlab.pm.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /**
     * {@code device_link_add}: the consumer depends on the supplier. Where the kernel returns
     * NULL because of the arguments (an invalid flag combination, a device linked to itself, a
     * link that would close a dependency cycle) this throws an IllegalArgumentException naming
     * the reason; empty is the NULL for a supplier that could not be resumed for
     * {@link DeviceLinkFlag#RPM_ACTIVE}. Adding a link that exists returns it, updated.
     *
     * @since 1.1
     */
    Optional<PmDeviceLink> linkAdd(PmDevice consumer, PmDevice supplier, Set<DeviceLinkFlag> flags);

    /**
     * {@code device_link_del}: drops one reference of a stateless link, deleting it with the
     * last. False for a managed link, which only goes with one of its devices (the kernel warns).
     *
     * @since 1.1
     */
    boolean linkDel(PmDeviceLink link);

    /**
     * {@code device_link_remove}: {@link #linkDel} for the link between the two; false if there is none.
     *
     * @since 1.1
     */
    boolean linkRemove(PmDevice consumer, PmDevice supplier);

    /** The links to the device's suppliers ({@code links.suppliers}), oldest first. @since 1.1 */
    List<PmDeviceLink> suppliers(PmDevice dev);

    /** The links from the device's consumers ({@code links.consumers}), oldest first. @since 1.1 */
    List<PmDeviceLink> consumers(PmDevice dev);

    Optional<PmDevice> find(String name);

    /**
     * @throws IllegalArgumentException naming the device when there is none
     */
    PmDevice get(String name);

    /** Every device, in registration order. */
    List<PmDevice> all();
}
