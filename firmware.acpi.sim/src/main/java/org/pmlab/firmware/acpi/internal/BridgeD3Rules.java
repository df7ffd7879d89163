package org.pmlab.firmware.acpi.internal;

import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.pci.api.PciDevice;

/**
 * {@code acpi_pci_bridge_d3} as in 6.1 (drivers/pci/pci-acpi.c): which hot-plug bridges the platform
 * blesses for D3. Non-hotplug ports are left to the PCI core's BIOS-year rule.
 */
@Kernel(value = "acpi_pci_bridge_d3", file = "drivers/pci/pci-acpi.c")
final class BridgeD3Rules {
    /** {@code _S0W} at or above this lets the device wake from D3; a missing {@code _S0W} is no limit. */
    private static final int D2 = AcpiState.D2.value();

    private final AcpiNamespace namespace;

    BridgeD3Rules(AcpiNamespace namespace) {
        this.namespace = namespace;
    }

    boolean bridgeD3(PciDevice bridge) {
        // 1. only hot-plug bridges (is_hotplug_bridge)
        if (bridge.spec().hotplug() == HotplugKind.NONE) {
            return false;
        }
        // 2. the bridge's own companion: _S0W <= D2 refuses, power-manageable blesses
        AcpiDevice adev = namespace.companion(bridge.bdf());
        if (adev != null) {
            if (wakesOnlyFromD2OrShallower(adev)) {
                return false;
            }
            if (adev.manageable()) {
                return true;
            }
        }
        // 3. the Root Port above (or the bridge itself) must have a companion
        Optional<PciDevice> rootPort = rootPortOf(bridge);
        if (rootPort.isEmpty()) {
            return false;
        }
        AcpiDevice rpadev = rootPort.get().bdf().equals(bridge.bdf()) ? adev : namespace.companion(rootPort.get().bdf());
        if (rpadev == null) {
            return false;
        }
        // 4. a Root Port without a wake GPE cannot signal hot-plug from D3
        if (!rpadev.canWake()) {
            return false;
        }
        // 5. a Root Port above the bridge must be able to wake from D3
        if (rpadev != adev && wakesOnlyFromD2OrShallower(rpadev)) {
            return false;
        }
        // 6. _DSD HotPlugSupportInD3
        return rpadev.spec().hotplugSupportInD3();
    }

    private static boolean wakesOnlyFromD2OrShallower(AcpiDevice dev) {
        Integer s0w = dev.spec().s0w();
        return s0w != null && s0w <= D2;
    }

    /** {@code pcie_find_root_port}: the device itself or the first Root Port above it. */
    @Kernel(value = "pcie_find_root_port", file = "include/linux/pci.h")
    private static Optional<PciDevice> rootPortOf(PciDevice dev) {
        Optional<PciDevice> d = Optional.of(dev);
        while (d.isPresent()) {
            if (d.get().spec().portType() == PortType.ROOT_PORT) {
                return d;
            }
            d = d.get().upstreamBridge();
        }
        return Optional.empty();
    }
}
