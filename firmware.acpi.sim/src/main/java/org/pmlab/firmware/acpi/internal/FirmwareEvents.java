package org.pmlab.firmware.acpi.internal;

import java.util.Map;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.ModelEvents;

/**
 * What the ACPI model tells the outside: a trace record for every method evaluation and state
 * change (the kernel only has debug prints here, so these are pmlab events), and a
 * {@link ModelEvents#FIRMWARE_CHANGED} post so views can refresh. Both calls are leaves: they
 * must not call back into the firmware, which is why they may run under the firmware's locks.
 */
final class FirmwareEvents {
    static final String POWER_RESOURCE = "acpi_power_resource";
    static final String DEVICE_POWER = "acpi_device_power";
    static final String DEVICE_WAKEUP = "acpi_device_wakeup";
    /** Property key naming the power resource of a {@link ModelEvents#FIRMWARE_CHANGED} post. */
    static final String RESOURCE = "resource";
    static final String METHOD = "method";
    static final String REF_COUNT = "ref_count";
    static final String ON = "on";
    static final String RESULT = "result";

    private final FirmwareContext machine;

    FirmwareEvents(FirmwareContext machine) {
        this.machine = machine;
    }

    /** Main power of a function switched with one of its power resources. */
    void powerChanged(org.pmlab.hw.api.Bdf function) {
        machine.powerChanged(function);
    }

    /**
     * A power resource's reference count or power changed, or one of its methods ran.
     *
     * @param requester the device on whose behalf it happened, or the resource's name
     * @param what "_ON" or "_OFF", or "get"/"put" for a count change without a method
     * @param outcome e.g. "ok", "still in use", or an error description
     */
    void resource(String requester, String resource, String what, int refCount, boolean on, String outcome) {
        if (machine.trace().observed()) {
            machine.trace().emit(POWER_RESOURCE, requester,
                    resource + " " + what + " ref=" + refCount + " (" + outcome + ")");
        }
        if (machine.eventsWatched()) {
            machine.post(ModelEvents.FIRMWARE_CHANGED, Map.of(ModelEvents.MACHINE, machine.machineId(), RESOURCE, resource,
                    ModelEvents.DEVICE, requester, METHOD, what, REF_COUNT, refCount, ON, on, RESULT, outcome));
        }
    }

    /** A {@code _PSx} method of a device's companion ran. */
    void deviceMethod(String bdf, String method, String outcome) {
        if (machine.trace().observed()) {
            machine.trace().emit(DEVICE_POWER, bdf, bdf + " " + method + " (" + outcome + ")");
        }
        if (machine.eventsWatched()) {
            machine.post(ModelEvents.FIRMWARE_CHANGED, Map.of(ModelEvents.MACHINE, machine.machineId(), ModelEvents.DEVICE, bdf,
                    METHOD, method, RESULT, outcome));
        }
    }

    /** A companion's recorded ACPI power state changed. */
    void deviceState(String bdf, AcpiState from, AcpiState to) {
        if (machine.trace().observed()) {
            machine.trace().emit(DEVICE_POWER, bdf, bdf + " " + from.label() + " -> " + to.label());
        }
        if (machine.eventsWatched()) {
            machine.post(ModelEvents.FIRMWARE_CHANGED, Map.of(ModelEvents.MACHINE, machine.machineId(), ModelEvents.DEVICE, bdf,
                    ModelEvents.FROM, from.label(), ModelEvents.TO, to.label()));
        }
    }

    /** A companion's wake-up enable or prepare count changed. */
    void wakeup(String bdf, boolean enable, int enableCount, int prepareCount) {
        if (machine.trace().observed()) {
            machine.trace().emit(DEVICE_WAKEUP, bdf, bdf + " wakeup " + (enable ? "enable" : "disable")
                    + " enable_count=" + enableCount + " prepare_count=" + prepareCount);
        }
        if (machine.eventsWatched()) {
            machine.post(ModelEvents.FIRMWARE_CHANGED, Map.of(ModelEvents.MACHINE, machine.machineId(), ModelEvents.DEVICE, bdf,
                    METHOD, enable ? "wakeup enable" : "wakeup disable", "enable_count", enableCount));
        }
    }

    /** How a failed AML evaluation reads in a trace line: the kernel's result and what was injected. */
    static String failure(int kernelResult, int injected) {
        return "failed " + errnoName(kernelResult) + ", injected " + errnoName(injected);
    }

    private static String errnoName(int err) {
        return Errno.of(err).map(e -> "-" + e.name()).orElse(Integer.toString(err));
    }
}
