package org.pmlab.firmware.nod3cold.internal;

import org.osgi.service.component.annotations.Component;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PlatformPm;

/**
 * A platform that gives the PCI layer nothing to work with (the drivers/pci/pci-acpi.c hooks
 * when {@code ACPI_COMPANION} is NULL): no
 * device has an ACPI companion, so every device is left to native PCI PM and D3cold is never
 * chosen.
 */
@Component(service = PlatformFirmware.class, property = PlatformFirmware.NAME + "=" + NoD3coldFirmware.NAME)
public class NoD3coldFirmware implements PlatformFirmware {
    static final String NAME = "nod3cold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no ACPI companions: native PCI PM only, D3hot at most, bridges never blessed for D3";
    }

    /** Nothing to build: the platform holds no per-machine state. */
    @Override
    public PlatformPm attach(FirmwareContext machine) {
        return new NoCompanionPm();
    }
}
