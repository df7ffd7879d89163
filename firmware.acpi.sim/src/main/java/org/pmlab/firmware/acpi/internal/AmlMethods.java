package org.pmlab.firmware.acpi.internal;

import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.FaultInjector;

/**
 * Evaluation of the control methods the model runs ({@code _ON}, {@code _OFF}, {@code _PS0},
 * {@code _PS3}). They succeed unless a fault is armed for the target at that point.
 */
final class AmlMethods {
    /**
     * What the kernel returns when a method fails: {@code __acpi_power_on/off} and
     * {@code acpi_dev_pm_explicit_set} turn any failed {@code acpi_evaluate_object} status into
     * -ENODEV, so an injected errno only says that the AML failed.
     */
    static final int METHOD_FAILED = Errno.ENODEV.negative();

    private final FaultInjector faults;

    AmlMethods(FaultInjector faults) {
        this.faults = faults;
    }

    /** 0 when the method ran, else the injected errno (a once-fault is consumed). */
    int evaluate(String target, String method) {
        return faults.check(target, method);
    }
}
