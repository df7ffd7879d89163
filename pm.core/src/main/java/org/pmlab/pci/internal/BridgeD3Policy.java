package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.api.PciePortPm;

/**
 * Which bridges may go to D3 (drivers/pci/pci.c, 6.1): {@code pci_bridge_d3_possible}, the
 * cached verdict {@code bridge_d3} and the moments it is re-evaluated
 * ({@code pci_bridge_d3_update}), so the model has the kernel's history effects.
 */
@Kernel(file = "drivers/pci/pci.c")
final class BridgeD3Policy {

    private static final int BIOS_YEAR_D3_OK = 2015;

    private final PciHost host;

    BridgeD3Policy(PciHost host) {
        this.host = host;
    }

    /** The check of {@code pci_bridge_d3_possible} that answered. */
    enum Check {
        NOT_A_PORT(false), PORT_PM_OFF(false), FIRMWARE_HOTPLUG(false), FORCED(true), PLATFORM(true),
        NATIVE_HOTPLUG(false), BIOS_RECENT(true), BIOS_OLD(false);

        final boolean allowed;

        Check(boolean allowed) {
            this.allowed = allowed;
        }
    }

    /** What makes a device block D3 of the bridges above it ({@code pci_dev_check_d3cold}). */
    enum Veto { NO_D3COLD, D3COLD_NOT_ALLOWED, WAKEUP_WITHOUT_PME_D3COLD, BRIDGE_NOT_D3 }

    /** {@code pci_bridge_d3_possible}. */
    @Kernel("pci_bridge_d3_possible")
    boolean possible(PciDev bridge) {
        return possibleCheck(bridge).allowed;
    }

    /** {@code pci_bridge_d3_possible}: the checks in the kernel's order; the first that answers. */
    Check possibleCheck(PciDev bridge) {
        if (!bridge.spec.portType().isPort()) {
            return Check.NOT_A_PORT;
        }
        if (host.pciePortPm() == PciePortPm.OFF) {
            return Check.PORT_PM_OFF;
        }
        HotplugKind hp = bridge.spec.hotplug();
        // hot-plug handled by firmware (ACPI hot-plug, SMM) may not go to D3: checked before force
        if (hp == HotplugKind.FIRMWARE) {
            return Check.FIRMWARE_HOTPLUG;
        }
        if (host.pciePortPm() == PciePortPm.FORCE) {
            return Check.FORCED;
        }
        // (Thunderbolt controllers always may; the model has none)
        if (host.platform().bridgeD3(bridge)) {
            return Check.PLATFORM;
        }
        if (hp != HotplugKind.NONE) {
            return Check.NATIVE_HOTPLUG; // native hot-plug ports were not validated for D3
        }
        // (no DMI deny-list entries are modelled)
        return host.biosYear() >= BIOS_YEAR_D3_OK ? Check.BIOS_RECENT : Check.BIOS_OLD;
    }

    static int biosYearD3Ok() {
        return BIOS_YEAR_D3_OK;
    }

    /** {@code pci_dev_check_d3cold}: does this device block D3 of the bridges above it? */
    @Kernel("pci_dev_check_d3cold")
    private static boolean blocksD3(PciDev dev) {
        return veto(dev) != null;
    }

    /** {@code pci_dev_check_d3cold}, with the reason: {@code null} when the device does not block. */
    static Veto veto(PciDev dev) {
        if (dev.noD3cold) {
            return Veto.NO_D3COLD;
        }
        if (!dev.d3coldAllowed) {
            return Veto.D3COLD_NOT_ALLOWED;
        }
        if (dev.mayWakeup() && !dev.pmeCapable(PowerState.D3COLD)) {
            return Veto.WAKEUP_WITHOUT_PME_D3COLD;
        }
        if (!powerManageable(dev)) {
            return Veto.BRIDGE_NOT_D3;
        }
        return null;
    }

    /** {@code pci_power_manageable}: not a bridge, or a bridge allowed to go to D3. */
    @Kernel("pci_power_manageable")
    static boolean powerManageable(PciDev dev) {
        return !dev.spec.isBridge() || dev.bridgeD3;
    }

    /** {@code pci_bridge_d3_update}: re-evaluates the bridge above a device added, removed or changed. */
    @Kernel("pci_bridge_d3_update")
    void update(PciDev dev) {
        boolean remove = !dev.registered;
        PciDev bridge = dev.bridge;
        if (bridge == null || !possible(bridge)) {
            return;
        }
        // if D3 is allowed, removing a child cannot change that
        if (remove && bridge.bridgeD3) {
            return;
        }
        boolean ok = true;
        if (!remove && blocksD3(dev)) {
            ok = false;
        }
        // if D3 is not allowed now, any device below may still be what blocks it
        if (ok && !bridge.bridgeD3) {
            for (PciDev d : host.below(bridge)) {
                if (blocksD3(d)) {
                    ok = false;
                    break;
                }
            }
        }
        if (bridge.bridgeD3 != ok) {
            setBridgeD3(bridge, ok);
            update(bridge); // propagate to the bridges above
        }
    }

    void setBridgeD3(PciDev bridge, boolean value) {
        bridge.bridgeD3 = value;
        host.post(ModelEvents.PCI_CHANGED, bridge);
        if (host.trace().observed()) {
            host.trace().emit("pci_bridge_d3", bridge.name(), bridge.name() + " bridge_d3=" + (value ? 1 : 0));
        }
    }

    /** {@code pci_d3cold_enable}. */
    @Kernel("pci_d3cold_enable")
    void d3coldEnable(PciDev dev) {
        if (dev.noD3cold) {
            dev.noD3cold = false;
            update(dev);
        }
    }

    /** {@code pci_d3cold_disable}. */
    @Kernel("pci_d3cold_disable")
    void d3coldDisable(PciDev dev) {
        if (!dev.noD3cold) {
            dev.noD3cold = true;
            update(dev);
        }
    }
}
