package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/** A data-centre sized host: validation must stay linear, so this loads quickly (no timing assertion here). */
class LargeTopologyTest {

    private static final int DEVICES = 100_000;

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Test
    void hundredThousandDevicesRoundTrip() {
        Topology big = build(DEVICES);
        assertThat(big.devices()).hasSize(DEVICES);

        Topology again = codec.parse(codec.write(big), "big.json");

        assertThat(again).isEqualTo(big);
    }

    /**
     * Per PCI domain: a host bridge and 25 root ports, each leading to a switch with 8 downstream ports, each of
     * those to an 8-function SR-IOV device whose VFs sit at device 1. That fills buses 01-fa of every domain.
     */
    static Topology build(int count) {
        PmCapability portPm = new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
        PmCapability endpointPm = PmCapability.basic(true);
        SriovCapability sriov = new SriovCapability(8, 8, 1, 0x10ed);
        List<DeviceSpec> devices = new ArrayList<>(count);
        for (int domain = 0; devices.size() < count; domain++) {
            devices.add(spec(new Bdf(domain, 0, 0, 0), null, 0x060000, PortType.HOST_BRIDGE, null, null, null));
            int bus = 1;
            for (int rp = 1; rp <= 25; rp++) {
                Bdf port = new Bdf(domain, 0, rp, 0);
                AcpiDeviceSpec acpi = new AcpiDeviceSpec(String.format("\\_SB.PC%04X.RP%02d", domain, rp),
                        true, true, false, List.of("PSLT"), List.of("PSLT"), null, false, false, false);
                devices.add(spec(port, null, 0x060400, PortType.ROOT_PORT, portPm, null, acpi));
                Bdf upstream = new Bdf(domain, bus, 0, 0);
                devices.add(spec(upstream, port, 0x060400, PortType.UPSTREAM_PORT, portPm, null, null));
                int internal = bus + 1;
                for (int dp = 0; dp < 8; dp++) {
                    Bdf downstream = new Bdf(domain, internal, dp, 0);
                    devices.add(spec(downstream, upstream, 0x060400, PortType.DOWNSTREAM_PORT, portPm, null, null));
                    int leaf = internal + 1 + dp;
                    for (int fn = 0; fn < 8; fn++) {
                        devices.add(spec(new Bdf(domain, leaf, 0, fn), downstream, 0x020000, PortType.ENDPOINT, endpointPm,
                                fn == 0 ? sriov : null, null));
                    }
                }
                bus += 10;
            }
        }
        return new Topology("big", new PlatformSpec("pmlab", 2022), List.of(new PowerResourceSpec("PSLT", true)),
                devices.subList(0, count));
    }

    private static DeviceSpec spec(Bdf bdf, Bdf parent, int classCode, PortType type, PmCapability pm, SriovCapability sriov,
            AcpiDeviceSpec acpi) {
        return new DeviceSpec(bdf, parent, classCode, 0x8086, 0x1000 + bdf.function(), type, pm, sriov, HotplugKind.NONE,
                false, type == PortType.ENDPOINT, false, acpi, null, PciClassNames.of(classCode));
    }
}
