package org.pmlab.pci.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.pmlab.sim.api.Machine;

/**
 * A whiteboard service: a driver module. The lab creates one driver instance per machine and
 * registers it on that machine's bus (as loading the module would).
 */
@ConsumerType
public interface PciDriverProvider {
    /** Service property naming the driver. */
    String DRIVER_NAME = "pci.driver.name";

    String driverName();

    PciDriver create(Machine machine);
}
