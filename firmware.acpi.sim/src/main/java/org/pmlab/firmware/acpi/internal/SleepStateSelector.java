package org.pmlab.firmware.acpi.internal;

import java.util.List;
import org.pmlab.pci.api.WhyLine;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * The deepest ACPI state a device may enter at runtime ({@code acpi_pm_device_sleep_state} with
 * {@code acpi_dev_pm_get_state}, drivers/acpi/device_pm.c). pmlab models runtime PM only, so
 * the target system state is always S0.
 */
@Kernel(file = "drivers/acpi/device_pm.c")
final class SleepStateSelector {

    private static final String FN = "acpi_pm_device_sleep_state";

    /**
     * @param dev the companion, or {@code null}
     * @param dMaxIn the deepest state the caller allows (D3hot or D3cold from {@code acpi_pci_choose_state})
     * @param why where the decisions are written for {@code pci:why}, or {@code null}
     * @return the state's number, or -ENODEV (no companion) / -EINVAL
     */
    @Kernel({"acpi_dev_pm_get_state", "acpi_pm_device_sleep_state"})
    int deepestState(AcpiDevice dev, AcpiState dMaxIn, List<WhyLine> why) {
        if (dMaxIn == AcpiState.UNKNOWN) {
            return Errno.EINVAL.negative();
        }
        // PM QoS NO_POWER_OFF would cap dMaxIn at D2; pmlab has no PM QoS flags, so it is never set
        if (dev == null) {
            note(why, "no ACPI companion -> -ENODEV");
            return Errno.ENODEV.negative();
        }
        int dMin = AcpiState.D0.value();
        int dMax = AcpiState.D3COLD.value();
        // In S0 "wakeup" is a wake IRQ the device may use, or a _PRW GPE. PCI functions never
        // get a wake IRQ (dev_pm_set_wake_irq), so only _PRW counts.
        if (dev.canWake()) {
            Integer s0w = dev.spec().s0w();
            if (s0w != null) {
                int ret = s0w;
                if (!dev.isValid(AcpiState.ofValue(ret))) {
                    // _S0W naming a state the device does not have falls back to D3cold
                    note(why, "_PRW, _S0W=" + s0w + " names a state " + dev.spec().path() + " does not have -> no limit");
                    ret = AcpiState.D3COLD.value();
                } else {
                    note(why, "_PRW, _S0W=" + s0w + " -> deepest " + AcpiState.ofValue(ret).label());
                }
                dMax = Math.max(ret, dMin);
            } else {
                note(why, "_PRW without _S0W -> no limit");
            }
        }
        if (dMaxIn.value() < dMin) {
            return Errno.EINVAL.negative();
        }
        // Only a limit deeper than the caller's makes the walk look for a valid state: with
        // dMaxIn = D3cold and no _S0W the answer is D3cold even when D3cold is not valid.
        if (dMax > dMaxIn.value()) {
            for (dMax = dMaxIn.value(); dMax > dMin; dMax--) {
                if (dev.isValid(AcpiState.ofValue(dMax))) {
                    break;
                }
                if (dMax == AcpiState.D3COLD.value()) {
                    note(why, "D3cold not valid for " + dev.spec().path() + " (it needs both _PR0 and _PR3 lists) -> D3hot");
                }
            }
        }
        note(why, "-> " + AcpiState.ofValue(dMax).label());
        return dMax;
    }

    private static void note(List<WhyLine> why, String detail) {
        if (why != null) {
            why.add(WhyLine.of(FN, detail));
        }
    }
}
