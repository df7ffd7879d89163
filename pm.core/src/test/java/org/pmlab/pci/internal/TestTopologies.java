package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/** Small topologies built in code for the PCI layer's tests. */
final class TestTopologies {
    private TestTopologies() {
    }

    static final Bdf RP = Bdf.parse("0000:00:01.0");
    static final Bdf EP = Bdf.parse("0000:01:00.0");

    static PmCapability portPm() {
        return new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
    }

    static DeviceSpec port(Bdf bdf, Bdf parent, PortType type, HotplugKind hp, AcpiDeviceSpec acpi) {
        return new DeviceSpec(bdf, parent, 0x060400, 0x8086, 0x1234, type, portPm(), null, hp, false, false, false,
                acpi, null, "PCI bridge");
    }

    static DeviceSpec endpoint(Bdf bdf, Bdf parent, boolean noSoftReset, AcpiDeviceSpec acpi) {
        return new DeviceSpec(bdf, parent, 0x030200, 0x10de, 0x2000, PortType.ENDPOINT, PmCapability.basic(noSoftReset),
                null, HotplugKind.NONE, false, true, false, acpi, null, "3D controller");
    }

    static DeviceSpec pf(Bdf bdf, Bdf parent, int totalVfs) {
        return new DeviceSpec(bdf, parent, 0x020000, 0x8086, 0x10fb, PortType.ENDPOINT,
                new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT)),
                new SriovCapability(totalVfs, 16, 1, 0x10ed), HotplugKind.NONE, false, true, false, null, null, "Ethernet");
    }

    static AcpiDeviceSpec acpi(String path, List<String> pr0, List<String> pr3) {
        return new AcpiDeviceSpec(path, true, true, false, pr0, pr3, null, false, false, false);
    }

    /** RP 00:01.0 above EP 01:00.0 (NoSoftRst-), no ACPI: the seed's "no D3cold" host. */
    static Topology rootPortWithGpu(int biosYear) {
        List<DeviceSpec> devs = new ArrayList<>();
        devs.add(port(RP, null, PortType.ROOT_PORT, HotplugKind.NONE, null));
        devs.add(endpoint(EP, RP, false, null));
        return new Topology("rp+gpu", new PlatformSpec("test", biosYear), List.of(), devs);
    }

    /** The same with both sharing power resource PSLT through _PR0/_PR3. */
    static Topology rootPortWithGpuAcpi() {
        List<DeviceSpec> devs = new ArrayList<>();
        devs.add(port(RP, null, PortType.ROOT_PORT, HotplugKind.NONE, acpi("\\_SB.PCI0.RP01", List.of("PSLT"), List.of("PSLT"))));
        devs.add(endpoint(EP, RP, false, acpi("\\_SB.PCI0.RP01.GPU0", List.of("PSLT"), List.of("PSLT"))));
        return new Topology("rp+gpu acpi", new PlatformSpec("test", 2019), List.of(new PowerResourceSpec("PSLT", true)), devs);
    }
}
