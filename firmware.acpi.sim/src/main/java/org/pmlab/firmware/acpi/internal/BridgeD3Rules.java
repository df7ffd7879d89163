package org.pmlab.firmware.acpi.internal;

import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.WhyLine;

/**
 * {@code acpi_pci_bridge_d3} as in 6.1 (drivers/pci/pci-acpi.c): which hot-plug bridges the platform
 * blesses for D3. Non-hotplug ports are left to the PCI core's BIOS-year rule.
 */
@Kernel(value = "acpi_pci_bridge_d3", file = "drivers/pci/pci-acpi.c")
final class BridgeD3Rules {
    /** {@code _S0W} at or above this lets the device wake from D3; a missing {@code _S0W} is no limit. */
    private static final int D2 = AcpiState.D2.value();
    private static final String FN = "acpi_pci_bridge_d3";

    private final AcpiNamespace namespace;

    BridgeD3Rules(AcpiNamespace namespace) {
        this.namespace = namespace;
    }

    boolean bridgeD3(PciDevice bridge) {
        return decide(bridge).allowed();
    }

    /** The rule that answered, as {@code pci:why} shows it. */
    WhyLine reason(PciDevice bridge) {
        Verdict v = decide(bridge);
        return WhyLine.of(FN, v.why() + " -> " + (v.allowed() ? 1 : 0));
    }

    private record Verdict(boolean allowed, String why) {
    }

    private Verdict decide(PciDevice bridge) {
        // 1. only hot-plug bridges (is_hotplug_bridge)
        if (bridge.spec().hotplug() == HotplugKind.NONE) {
            return new Verdict(false, "not a hot-plug bridge (left to the BIOS-year rule)");
        }
        // 2. the bridge's own companion: _S0W <= D2 refuses, power-manageable blesses
        AcpiDevice adev = namespace.companion(bridge.bdf());
        if (adev != null) {
            if (wakesOnlyFromD2OrShallower(adev)) {
                return new Verdict(false, adev.spec().path() + " _S0W=" + adev.spec().s0w() + " (cannot wake from D3)");
            }
            if (adev.manageable()) {
                return new Verdict(true, adev.spec().path() + " is power manageable (_PS0 or _PR0)");
            }
        }
        // 3. the Root Port above (or the bridge itself) must have a companion
        Optional<PciDevice> rootPort = rootPortOf(bridge);
        if (rootPort.isEmpty()) {
            return new Verdict(false, "no Root Port above");
        }
        AcpiDevice rpadev = rootPort.get().bdf().equals(bridge.bdf()) ? adev : namespace.companion(rootPort.get().bdf());
        if (rpadev == null) {
            return new Verdict(false, "Root Port " + rootPort.get().bdf() + " has no ACPI companion");
        }
        // 4. a Root Port without a wake GPE cannot signal hot-plug from D3
        if (!rpadev.canWake()) {
            return new Verdict(false, "Root Port " + rpadev.spec().path() + " has no _PRW (cannot signal hot-plug from D3)");
        }
        // 5. a Root Port above the bridge must be able to wake from D3
        if (rpadev != adev && wakesOnlyFromD2OrShallower(rpadev)) {
            return new Verdict(false, "Root Port " + rpadev.spec().path() + " _S0W=" + rpadev.spec().s0w());
        }
        // 6. _DSD HotPlugSupportInD3
        boolean ok = rpadev.spec().hotplugSupportInD3();
        return new Verdict(ok, "Root Port " + rpadev.spec().path() + (ok ? " has" : " lacks") + " _DSD HotPlugSupportInD3");
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
