package org.pmlab.firmware.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.WhyLine;

/**
 * One firmware model attached to one machine: the platform hooks the PCI layer calls. Without
 * one, the PCI layer uses its defaults (not manageable, -ENOSYS, unknown, error, false).
 */
@ConsumerType
public interface PlatformPm {
    /** {@code platform_pci_power_manageable}. */
    boolean powerManageable(PciDevice dev);

    /** {@code platform_pci_set_power_state}: 0 or a negative errno (-ENODEV without a companion). */
    int setState(PciDevice dev, PowerState state);

    /** {@code platform_pci_get_power_state}: the platform's cached view, or UNKNOWN. */
    PowerState getState(PciDevice dev);

    /**
     * Whether the platform powers the function now. The kernel has no such call: the hardware
     * simply is powered or not. The model asks it after every platform D0 request, whatever that
     * returned ({@code pci_power_up} ignores the result): ACPI turns a device's power resources on
     * before it runs {@code _PS0}, so a failing {@code _PS0} leaves the function powered. The
     * default takes the platform's recorded state.
     */
    default boolean supplies(PciDevice dev) {
        return getState(dev) != PowerState.D3COLD;
    }

    /** {@code platform_pci_refresh_power_state}. */
    void refreshState(PciDevice dev);

    /** {@code platform_pci_choose_state}: the deepest state for runtime suspend, or ERROR. */
    PowerState chooseState(PciDevice dev);

    /** {@code platform_pci_set_wakeup}. */
    int setWakeup(PciDevice dev, boolean enable);

    /** {@code platform_pci_need_resume} (system sleep only). */
    boolean needResume(PciDevice dev);

    /** {@code platform_pci_bridge_d3}: the platform blesses this bridge for D3. */
    boolean bridgeD3(PciDevice bridge);

    /** Why {@link #powerManageable} answers as it does, in the firmware's terms. */
    default String manageableReason(PciDevice dev) {
        return powerManageable(dev) ? "the platform manages it" : "the platform does not manage it";
    }

    /**
     * The platform's decisions behind {@link #chooseState}, in its order (on ACPI:
     * {@code acpi_pci_choose_state}, then {@code acpi_pm_device_sleep_state}); empty when it has
     * nothing to say.
     */
    default List<WhyLine> chooseStateReasons(PciDevice dev) {
        return List.of();
    }

    /** The rule of {@link #bridgeD3} that answered, or {@code null} when the platform has no rules. */
    default WhyLine bridgeD3Reason(PciDevice bridge) {
        return null;
    }

    /** The shared power resources a function needs for D0 (its {@code _PR0} list), as they are now. */
    default List<PowerResourceView> resourcesOf(PciDevice dev) {
        return List.of();
    }

    /** Detaches from the machine (the firmware is being swapped out). */
    default void detach() {
    }

    /** Shared power resources, for {@code fw:show}; empty when the platform has none. */
    default List<PowerResourceView> powerResources() {
        return List.of();
    }

    /** Each managed device's platform state as the firmware records it, for {@code fw:show}. */
    default Map<Bdf, String> deviceStates() {
        return Map.of();
    }
}
