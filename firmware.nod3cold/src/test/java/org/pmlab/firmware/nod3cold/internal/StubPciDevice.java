package org.pmlab.firmware.nod3cold.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;

/** A PCI function with fixed facts; what these tests never read throws. */
final class StubPciDevice implements PciDevice {
    private final DeviceSpec spec;
    boolean d3coldAllowed = true;
    boolean wakeupEnabled;

    private StubPciDevice(DeviceSpec spec) {
        this.spec = spec;
    }

    /** An endpoint whose topology entry even has a full ACPI companion with _PR3. */
    static StubPciDevice endpointWithAcpi() {
        AcpiDeviceSpec acpi = new AcpiDeviceSpec("\\_SB.PCI0.RP01.PXSX", true, true, false, List.of("PSLT"),
                List.of("PSLT"), null, true, false, false);
        return new StubPciDevice(new DeviceSpec(Bdf.parse("0000:01:00.0"), Bdf.parse("0000:00:01.0"), 0x030200,
                0x10de, 0x1234, PortType.ENDPOINT, new PmCapability(false, false, false, Set.of(PowerState.D3HOT)),
                null, HotplugKind.NONE, false, true, false, acpi, null, "GPU"));
    }

    static StubPciDevice hotplugRootPort() {
        AcpiDeviceSpec acpi = new AcpiDeviceSpec("\\_SB.PCI0.RP01", true, true, false, List.of("PSLT"),
                List.of("PSLT"), 4, true, true, false);
        return new StubPciDevice(new DeviceSpec(Bdf.parse("0000:00:01.0"), null, 0x060400, 0x8086, 0x1234,
                PortType.ROOT_PORT, PmCapability.basic(false), null, HotplugKind.NATIVE, true, false, false, acpi, null,
                "root port"));
    }

    @Override
    public Bdf bdf() {
        return spec.bdf();
    }

    @Override
    public DeviceSpec spec() {
        return spec;
    }

    @Override
    public PowerState currentState() {
        return PowerState.D0;
    }

    @Override
    public Optional<PciDevice> upstreamBridge() {
        return Optional.empty();
    }

    @Override
    public boolean isBridge() {
        return spec.isBridge();
    }

    @Override
    public boolean d3coldAllowed() {
        return d3coldAllowed;
    }

    @Override
    public boolean noD3cold() {
        return false;
    }

    @Override
    public boolean wakeupCapable() {
        return true;
    }

    @Override
    public boolean wakeupEnabled() {
        return wakeupEnabled;
    }

    @Override
    public PmDevice pm() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PciDevice> subordinates() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> driver() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> driverOverride() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean bridgeD3() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int enableCount() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean stateSaved() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean resetSupported() {
        return false; // firmware never asks
    }

    @Override
    public boolean isVirtfn() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PciDevice> physfn() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int numVfs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConfigRegisters config() {
        throw new UnsupportedOperationException();
    }
}
