package org.pmlab.vfio.internal;

import java.util.function.Predicate;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.DriverContext;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;

/**
 * The fault points vfio-pci declares on its machine: the places inside the driver that can fail
 * in the kernel but have no cause in the model (an allocation, the vfio core's registration).
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class VfioFaults {

    static final String CONFIG_INIT = "config_init";
    static final String REGISTER_GROUP_DEV = "vfio_register_group_dev";

    private final FaultInjector faults;

    VfioFaults(DriverContext machine) {
        this.faults = machine.faults();
        Predicate<String> isPci = t -> {
            try {
                return machine.pci().find(Bdf.parse(t)).isPresent();
            } catch (IllegalArgumentException e) {
                return false;
            }
        };
        faults.declare(new FaultPoint(CONFIG_INIT, "device",
                "vfio_config_init fails when the device is opened (e.g. -ENOMEM)"), isPci);
        faults.declare(new FaultPoint(REGISTER_GROUP_DEV, "device",
                "vfio_register_group_dev fails when vfio-pci is bound to the device"), isPci);
    }

    /**
     * {@code vfio_config_init}: builds the virtual config space from the device's. A disconnected
     * device fails it: {@code vfio_fill_vconfig_bytes}'s first {@code pci_read_config_dword} is
     * refused with {@code PCIBIOS_DEVICE_NOT_FOUND}, which {@code pcibios_err_to_errno} makes
     * -ENODEV. Otherwise only an injected fault makes it fail (a merely unresponsive device reads
     * all ones and the config is built from them).
     */
    @Kernel(value = "vfio_config_init", file = "drivers/vfio/pci/vfio_pci_config.c")
    int configInit(CoreDevice v) {
        if (v.pdev.disconnected()) {
            return org.pmlab.pm.api.Errno.ENODEV.negative();
        }
        return faults.check(v.name(), CONFIG_INIT);
    }

    /** {@code vfio_register_group_dev}: only an injected fault makes it fail. */
    @Kernel(value = "vfio_register_group_dev", file = "drivers/vfio/vfio_main.c")
    int registerGroupDev(CoreDevice v) {
        return faults.check(v.name(), REGISTER_GROUP_DEV);
    }
}
