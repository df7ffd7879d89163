package org.pmlab.firmware.acpi.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PlatformPm;

/**
 * A simulated ACPI platform: companions with {@code _PSx}, {@code _PRx}, {@code _PRW},
 * {@code _S0W}, and shared, reference-counted power resources, all taken from the topology.
 */
@Component(service = PlatformFirmware.class, property = PlatformFirmware.NAME + "=" + AcpiSimFirmware.NAME)
public class AcpiSimFirmware implements PlatformFirmware {
    static final String NAME = "acpi-sim";

    /**
     * Attachments per machine id. A live swap may attach a new instance before the old one is
     * detached; the fault points go only when the last attachment of a machine leaves. Guarded
     * by this, which also keeps a declaration and a withdrawal of the same machine apart.
     */
    private final Map<Long, Integer> attachments = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "simulated ACPI: _PS0/_PS3, shared ref-counted _PR0/_PR3 power resources, D3cold where _PR3 exists";
    }

    /**
     * @throws IllegalArgumentException when the topology's ACPI description is inconsistent
     */
    @Override
    public synchronized PlatformPm attach(FirmwareContext machine) {
        long id = machine.machineId();
        attachments.merge(id, 1, Integer::sum);
        try {
            return AcpiPlatform.attach(machine, () -> release(machine));
        } catch (RuntimeException e) {
            release(machine);
            throw e;
        }
    }

    private synchronized void release(FirmwareContext machine) {
        Integer left = attachments.computeIfPresent(machine.machineId(), (k, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            AcpiFaultPoints.withdraw(machine.faults());
        }
    }
}
