package org.pmlab.machine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.machine.api.Lab;

/** The hardware of the live machine and its firmware selection. */
@ObjectClassDefinition(pid = Lab.PLATFORM_PID, name = "pmlab platform",
        description = "Topology, BIOS year and firmware model of the simulated host.")
@interface PlatformSettings {

    @AttributeDefinition(description = "A topology JSON file, a topology source name such as 'host', or empty for the embedded default")
    String topology() default "";

    /** Overrides the topology's BIOS year when non-zero ({@code dmi_get_bios_year}). */
    @AttributeDefinition(name = "bios_year", description = "BIOS year (0: the topology's own)")
    int bios__year() default 0;

    /** The target filter of the firmware reference; {@code fw:use} rewrites it. */
    @AttributeDefinition(name = "firmware.target", description = "Filter selecting the PlatformFirmware service")
    String firmware_target() default "(firmware.name=acpi-sim)";
}
