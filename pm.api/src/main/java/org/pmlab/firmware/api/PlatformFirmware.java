package org.pmlab.firmware.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A firmware model, registered as a service with the property {@value #NAME}. It attaches to a
 * machine and answers that machine's platform PM hooks.
 */
@ConsumerType
public interface PlatformFirmware {
    /** Service property: the firmware's name, used in target filters. */
    String NAME = "firmware.name";

    String name();

    /** One line saying what the platform is. */
    String description();

    /**
     * Attaches to a machine: builds the platform objects for its devices from the topology and
     * initialises them from the devices' current state ({@code acpi_bus_init_power}).
     */
    PlatformPm attach(FirmwareContext machine);
}
