package org.pmlab.firmware.nod3cold.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * The platform hooks as {@code pci-acpi.c} answers them for a device without an ACPI companion:
 * not manageable, and every operation refused the way the ACPI functions refuse it.
 */
@Kernel(file = "drivers/pci/pci-acpi.c")
final class NoCompanionPm implements PlatformPm {

    /** {@code acpi_pci_power_manageable}: no companion. */
    @Kernel("acpi_pci_power_manageable")
    @Override
    public boolean powerManageable(PciDevice dev) {
        return false;
    }

    @Override
    public String manageableReason(PciDevice dev) {
        return "no ACPI companion";
    }

    /** {@code acpi_pci_set_power_state}: no companion → -ENODEV, so the native result stands. */
    @Kernel("acpi_pci_set_power_state")
    @Override
    public int setState(PciDevice dev, PowerState state) {
        return Errno.ENODEV.negative();
    }

    /** {@code acpi_pci_get_power_state}: not manageable → PCI_UNKNOWN. */
    @Kernel("acpi_pci_get_power_state")
    @Override
    public PowerState getState(PciDevice dev) {
        return PowerState.UNKNOWN;
    }

    /** {@code acpi_pci_refresh_power_state}: only acts on manageable devices. */
    @Kernel("acpi_pci_refresh_power_state")
    @Override
    public void refreshState(PciDevice dev) {
        // nothing is manageable, so there is nothing to re-read
    }

    /** {@code acpi_pci_choose_state}: no companion → PCI_POWER_ERROR; pci_target_state then picks D3hot. */
    @Kernel("acpi_pci_choose_state")
    @Override
    public PowerState chooseState(PciDevice dev) {
        return PowerState.ERROR;
    }

    /** {@code platform_pci_set_wakeup} default: no platform wake-up → -ENODEV. */
    @Kernel(value = "platform_pci_set_wakeup", file = "drivers/pci/pci.c")
    @Override
    public int setWakeup(PciDevice dev, boolean enable) {
        return Errno.ENODEV.negative();
    }

    /** {@code acpi_pci_need_resume}: not manageable → false. */
    @Kernel("acpi_pci_need_resume")
    @Override
    public boolean needResume(PciDevice dev) {
        return false;
    }

    /** {@code acpi_pci_bridge_d3}: no companion anywhere, no blessing. */
    @Kernel("acpi_pci_bridge_d3")
    @Override
    public boolean bridgeD3(PciDevice bridge) {
        return false;
    }
}
