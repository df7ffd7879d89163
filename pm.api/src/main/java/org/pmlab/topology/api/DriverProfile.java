package org.pmlab.topology.api;

import java.util.List;
import java.util.Objects;

/**
 * A native PCI driver described by what it does to power management: the kernel calls it makes
 * at probe and at remove, in order, and its {@code runtime_idle} callback. pmlab binds it like
 * any driver ({@code driver_override}, then bind); it has no ID table of its own.
 *
 * @param name the driver's name, as in {@code /sys/bus/pci/drivers/NAME}
 * @param description one line: which kernel driver it follows, or what it stands for
 * @param pmOps the driver has {@code dev_pm_ops}; without them a bound device never
 *     runtime-suspends ({@code pci_pm_runtime_idle} answers -ENOSYS)
 * @param probe the calls made by probe, after the PCI core's own probe reference is taken
 * @param remove the calls made by remove; a {@code pcim_enable_device} is undone after them
 * @param idle the {@code runtime_idle} callback
 */
public record DriverProfile(String name, String description, boolean pmOps, List<ProfileStep> probe,
        List<ProfileStep> remove, IdleCallback idle) {
    public DriverProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idle, "idle");
        description = description == null ? "" : description;
        probe = List.copyOf(probe);
        remove = List.copyOf(remove);
    }

    /** Driver names pmlab's own drivers use; a profile cannot take them. */
    public static final List<String> RESERVED = List.of("pcieport", "pci-stub", "vfio-pci");
}
