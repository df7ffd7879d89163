package org.pmlab.vfio.internal;

import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.sim.api.Machine;

/** The firmware models the scenarios name: FW-A (ACPI with D3cold) and FW-B (none, native PCI PM). */
final class Firmwares {
    private Firmwares() {
    }

    private static final String ACPI_SIM = "org.pmlab.firmware.acpi.internal.AcpiSimFirmware";

    /** FW-A. Until firmware.acpi.sim is on the test classpath the tests using it stay disabled. */
    static PlatformFirmware acpiSim() {
        try {
            return (PlatformFirmware) Class.forName(ACPI_SIM).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("firmware.acpi.sim is not on the test classpath", e);
        }
    }

    static PowerResourceView resource(Machine m, String name) {
        return m.firmware().ops().orElseThrow().powerResources().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no power resource " + name));
    }
}
