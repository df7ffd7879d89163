package org.pmlab.pm.internal;

/**
 * What embeds a runtime PM device and names it ({@code dev_name} of a {@code struct device}
 * inside a {@code struct pci_dev}): the device's name is derived from the owner each time it is
 * asked for, so a million functions do not keep a million address strings.
 */
public interface NamedOwner {
    /** The device's name; the same text on every call. */
    String deviceName();

    /** {@code deviceName().hashCode()}, which an owner may compute without making the name. */
    default int deviceNameHash() {
        return deviceName().hashCode();
    }

    /** {@code dev_bus_name()}: the bus the device is on ("pci"). */
    String busName();

    /** How the kernel prefixes the device's messages: {@code dev_printk}'s driver and device name. */
    String logPrefix();
}
