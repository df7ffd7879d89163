package org.pmlab.firmware.acpi.internal;

import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.pci.api.PciDevice;

/**
 * Wake-up through ACPI for PCI functions: {@code acpi_pci_wakeup} (with its propagation to the
 * nearest bridge that can wake), {@code acpi_pm_set_device_wakeup} and
 * {@code acpi_pci_need_resume}. The wake GPE itself and {@code _DSW} are not modelled; the counts
 * that decide behaviour ({@code wakeup.enable_count}, {@code wakeup.prepare_count}) are.
 */
@Kernel(file = "drivers/acpi/device_pm.c")
final class WakeupControl {
    private final AcpiNamespace namespace;
    private final FirmwareEvents events;

    WakeupControl(AcpiNamespace namespace, FirmwareEvents events) {
        this.namespace = namespace;
        this.events = events;
    }

    /** {@code acpi_pci_wakeup}. */
    @Kernel(value = "acpi_pci_wakeup", file = "drivers/pci/pci-acpi.c")
    int setWakeup(PciDevice dev, boolean enable) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev != null && adev.canWake()) {
            return setDeviceWakeup(adev, enable);
        }
        // acpi_pci_propagate_wakeup: the bridges above, nearest first
        for (Optional<PciDevice> b = dev.upstreamBridge(); b.isPresent(); b = b.get().upstreamBridge()) {
            AcpiDevice bridge = namespace.companion(b.get().bdf());
            if (bridge != null && bridge.canWake()) {
                return setDeviceWakeup(bridge, enable);
            }
        }
        // the root bus's host bridge (PNP0A08) has no companion in a topology
        return 0;
    }

    /** {@code acpi_pm_set_device_wakeup} for a companion with {@code _PRW}; neither way can fail here. */
    @Kernel("acpi_pm_set_device_wakeup")
    private int setDeviceWakeup(AcpiDevice adev, boolean enable) {
        synchronized (adev) {
            if (!enable) {
                // acpi_device_wakeup_disable
                if (adev.wakeupEnableCount() == 0) {
                    return 0;
                }
                disableWakeupPower(adev);
                adev.setWakeupEnableCount(adev.wakeupEnableCount() - 1);
            } else {
                // __acpi_device_wakeup_enable: re-prepare if already enabled, then count
                if (adev.wakeupEnableCount() > 0) {
                    disableWakeupPower(adev);
                }
                enableWakeupPower(adev);
                adev.setWakeupEnableCount(adev.wakeupEnableCount() + 1);
            }
            events.wakeup(adev.name(), enable, adev.wakeupEnableCount(), adev.wakeupPrepareCount());
            return 0;
        }
    }

    /** {@code acpi_enable_wakeup_device_power}: the first preparation would run {@code _DSW}(1). */
    @Kernel(value = "acpi_enable_wakeup_device_power", file = "drivers/acpi/power.c")
    private static void enableWakeupPower(AcpiDevice adev) {
        adev.setWakeupPrepareCount(adev.wakeupPrepareCount() + 1);
    }

    /** {@code acpi_disable_wakeup_device_power}: nothing if never prepared. */
    @Kernel(value = "acpi_disable_wakeup_device_power", file = "drivers/acpi/power.c")
    private static void disableWakeupPower(AcpiDevice adev) {
        if (adev.wakeupPrepareCount() > 0) {
            adev.setWakeupPrepareCount(adev.wakeupPrepareCount() - 1);
        }
    }

    /**
     * {@code acpi_pci_need_resume}. The target system state is always S0 here, so bridges get no
     * special answer and {@code _DSW} is never consulted.
     */
    @Kernel(value = "acpi_pci_need_resume", file = "drivers/pci/pci-acpi.c")
    boolean needResume(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev == null || !adev.manageable()) {
            return false;
        }
        if (adev.canWake()) {
            boolean mayWakeup = dev.wakeupCapable() && dev.wakeupEnabled();
            synchronized (adev) {
                if (mayWakeup != (adev.wakeupPrepareCount() > 0)) {
                    return true;
                }
            }
        }
        return false;
    }
}
