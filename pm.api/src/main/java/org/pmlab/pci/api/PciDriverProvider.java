package org.pmlab.pci.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service: a driver module. The lab creates one driver instance per machine and
 * registers it on that machine's bus (as loading the module would).
 */
@ConsumerType
public interface PciDriverProvider {
    /** Service property naming the driver. */
    String DRIVER_NAME = "pci.driver.name";

    String driverName();

    /** {@code module_init}: the driver instance for one machine. */
    PciDriver create(DriverContext machine);
}
