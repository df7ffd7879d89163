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
}
