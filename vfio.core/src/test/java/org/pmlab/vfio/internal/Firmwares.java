package org.pmlab.vfio.internal;

import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.machine.api.Machine;

/** The firmware models the scenarios name: FW-A (ACPI with D3cold) and FW-B (none, native PCI PM). */
final class Firmwares {
    private Firmwares() {
    }

    /** FW-A: ACPI companions sharing power resource PSLT through _PR0/_PR3. */
    static PlatformFirmware acpiSim() {
        return new AcpiSimFirmware();
    }

    /** FW-B as a registered model: no companions, native PCI PM only. */
    static PlatformFirmware nod3cold() {
        return new NoD3coldFirmware();
    }

    static PowerResourceView resource(Machine m, String name) {
        return m.firmware().ops().orElseThrow().powerResources().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no power resource " + name));
    }
}
