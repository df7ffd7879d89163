package org.pmlab.pci.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;

/**
 * The PCI bus of one machine as user space acts on it through sysfs. Results are kernel-style:
 * 0 (or a count) on success, a negative errno otherwise; state is unchanged on error.
 */
@ProviderType
public interface PciBus {
    /** Every function, in address order. */
    List<PciDevice> devices();

    Optional<PciDevice> find(Bdf bdf);

    /**
     * @throws IllegalArgumentException "no PCI device DDDD:BB:DD.F" when absent
     */
    PciDevice get(Bdf bdf);

    /** Registered driver names, in registration order. */
    List<String> drivers();

    /** {@code pci_register_driver}: registers and attaches to every matching unbound device. */
    void registerDriver(PciDriver driver);

    /** {@code pci_unregister_driver}: detaches from every device, then unregisters. */
    void unregisterDriver(String name);

    /** Writing the BDF to {@code /sys/bus/pci/drivers/NAME/bind}. */
    int bind(Bdf bdf, String driver);

    /** Writing the BDF to the bound driver's {@code unbind}. -ENODEV when unbound. */
    int unbind(Bdf bdf);

    /** Writing {@code driver_override} ({@code null} or "" clears it). */
    int setDriverOverride(Bdf bdf, String driver);

    /** Writing the BDF to {@code /sys/bus/pci/drivers_probe}. */
    int probe(Bdf bdf);

    /** Writing {@code d3cold_allowed}. */
    int setD3coldAllowed(Bdf bdf, boolean allowed);

    /** Writing {@code power/wakeup}; -EINVAL when not wake-up capable. */
    int setWakeup(Bdf bdf, boolean enabled);

    /** Writing {@code sriov_numvfs}. */
    int setSriovNumVfs(Bdf bdf, int numVfs);

    /** Writing 1 to {@code reset}. */
    int reset(Bdf bdf);

    /**
     * Reading the config space through sysfs (what lspci does): the parent is resumed, the
     * device only if it is in D3cold ({@code pci_config_pm_runtime_get/put}). Returns the
     * registers read.
     */
    ConfigRegisters readConfig(Bdf bdf);

    /**
     * The time each named function spent in each {@link PhysicalState} from {@code fromNs} (0:
     * since boot) to now, as the PCI layer recorded it where states changed. Reading changes
     * nothing.
     *
     * @throws IllegalArgumentException for a BDF that names no function, a negative or future
     *         {@code fromNs}, or one before {@link #residencyHistoryStartNs()}
     */
    List<Residency> residency(List<Bdf> bdfs, long fromNs);

    /**
     * Why a function and each bridge above it are in their power states: the kernel's decisions
     * in its order, each naming its function and deciding value (the function first, then its
     * upstream bridges up to the root bus). Reading changes nothing and wakes nothing.
     *
     * @throws IllegalArgumentException for a BDF that names no function
     */
    List<WhyBlock> why(Bdf bdf);

    /**
     * The earliest window start {@link #residency} accepts: 0 until the machine's bounded history
     * of state changes has dropped its oldest entries.
     */
    long residencyHistoryStartNs();
}
