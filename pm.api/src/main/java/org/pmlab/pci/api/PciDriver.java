package org.pmlab.pci.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.pmlab.pm.api.DevPmOps;

/**
 * A PCI driver of one machine ({@code struct pci_driver}). The bus calls it as the kernel's
 * driver core does: probe after {@code pm_runtime_get_sync}, remove between get and put.
 */
@ConsumerType
public interface PciDriver {
    String name();

    /** Its static ID table matches the device; {@code driver_override} is handled by the bus. */
    default boolean matchesId(PciDevice dev) {
        return false;
    }

    /** 0 on success or a negative errno. */
    int probe(PciDevice dev);

    void remove(PciDevice dev);

    /** Its {@code dev_pm_ops}, read on every callback; {@code null} when it has none. */
    DevPmOps pm();

    /**
     * {@code BUS_NOTIFY_ADD_DEVICE}: a device was added to the bus and is about to be probed
     * (vfio-pci sets {@code driver_override} on the VFs of a PF it owns here).
     */
    default void busNotifyAddDevice(PciDevice dev) {
    }

    /** Has an {@code sriov_configure} callback. */
    default boolean hasSriovConfigure() {
        return false;
    }

    /**
     * The runtime PM references this driver holds on a device bound to it now, each with the
     * kernel function that took it (the reference {@code local_pci_probe} took is the driver's to
     * drop or keep). {@code pci:why} names them; the default is none.
     */
    default java.util.List<PmHold> pmHolds(PciDevice dev) {
        return java.util.List.of();
    }

    /** {@code sriov_configure}: returns the number of VFs enabled, 0, or a negative errno. */
    default int sriovConfigure(PciDevice dev, int numVfs) {
        throw new UnsupportedOperationException(name() + " has no sriov_configure");
    }
}
