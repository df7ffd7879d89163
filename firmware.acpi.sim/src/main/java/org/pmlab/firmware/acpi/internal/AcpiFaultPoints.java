package org.pmlab.firmware.acpi.internal;

import java.util.List;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;

/** The ACPI methods a fault can be injected into, declared while the firmware is attached. */
final class AcpiFaultPoints {
    static final String POWER_RESOURCE = "power-resource";
    static final String DEVICE = "device";

    static final FaultPoint ON = new FaultPoint("_ON", POWER_RESOURCE,
            "a power resource's _ON fails: the reference is not taken, the device's ACPI state becomes unknown");
    static final FaultPoint OFF = new FaultPoint("_OFF", POWER_RESOURCE,
            "a power resource's _OFF fails: it stays on with a reference nobody holds; the kernel does not report it");
    static final FaultPoint PS0 = new FaultPoint("_PS0", DEVICE,
            "a device's _PS0 fails: ACPI set_state(D0) returns -ENODEV");
    static final FaultPoint PS3 = new FaultPoint("_PS3", DEVICE,
            "a device's _PS3 fails: ACPI set_state(D3hot/D3cold) returns -ENODEV, nothing is switched off");

    static final List<FaultPoint> ALL = List.of(ON, OFF, PS0, PS3);

    private AcpiFaultPoints() {
    }

    static void declare(FaultInjector faults, AcpiNamespace namespace) {
        faults.declare(ON, namespace::hasResource);
        faults.declare(OFF, namespace::hasResource);
        faults.declare(PS0, namespace::hasPs0);
        faults.declare(PS3, namespace::hasPs3);
    }

    static void withdraw(FaultInjector faults) {
        for (FaultPoint p : ALL) {
            faults.withdraw(p.name());
        }
    }
}
