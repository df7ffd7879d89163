package org.pmlab.vfio.internal;

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

/** The hosts of docs/scenarios.md, built in code: RP 00:01.0 above one or three functions on bus 01. */
final class Topologies {
    private Topologies() {
    }

    static final Bdf RP = Bdf.parse("0000:00:01.0");
    static final Bdf EP = Bdf.parse("0000:01:00.0");
    static final Bdf EP1 = Bdf.parse("0000:01:00.0");
    static final Bdf EP2 = Bdf.parse("0000:01:00.1");
    static final Bdf EP3 = Bdf.parse("0000:01:00.2");
    static final Bdf PF = Bdf.parse("0000:01:00.0");
    /** The first two VFs of {@link #PF} (VF offset 16, stride 1). */
    static final Bdf VF0 = Bdf.parse("0000:01:02.0");
    static final Bdf VF1 = Bdf.parse("0000:01:02.1");

    private static DeviceSpec rootPort(AcpiDeviceSpec acpi) {
        PmCapability pm = new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
        return new DeviceSpec(RP, null, 0x060400, 0x8086, 0x7ab8, PortType.ROOT_PORT, pm, null, HotplugKind.NONE, false,
                false, false, acpi, null, "PCI bridge: root port");
    }

    private static DeviceSpec endpoint(Bdf bdf, boolean noSoftReset, boolean flr, AcpiDeviceSpec acpi) {
        return new DeviceSpec(bdf, RP, 0x030200, 0x10de, 0x2236, PortType.ENDPOINT, PmCapability.basic(noSoftReset),
                null, HotplugKind.NONE, false, flr, false, acpi, null, "3D controller");
    }

    private static AcpiDeviceSpec acpi(String path) {
        return new AcpiDeviceSpec(path, true, true, false, List.of("PSLT"), List.of("PSLT"), null, false, false, false);
    }

    /** FW-B: RP above EP (NoSoftRst-, FLR), no ACPI companions, BIOS 2019. */
    static Topology rpEp() {
        return new Topology("rp+ep", new PlatformSpec("test", 2019), List.of(),
                List.of(rootPort(null), endpoint(EP, false, true, null)));
    }

    /** FW-A: the same, RP and EP sharing power resource PSLT through _PR0 and _PR3. */
    static Topology rpEpAcpi() {
        return new Topology("rp+ep acpi", new PlatformSpec("test", 2019), List.of(new PowerResourceSpec("PSLT", true)),
                List.of(rootPort(acpi("\\_SB.PCI0.RP01")), endpoint(EP, false, true, acpi("\\_SB.PCI0.RP01.GPU0"))));
    }

    /**
     * Three functions on bus 01 below RP, no FLR and NoSoftRst+ (so no function reset works:
     * every close leaves needs_reset), no slot: one bus dev_set.
     */
    static Topology threeOnBus() {
        List<DeviceSpec> devs = new ArrayList<>();
        devs.add(rootPort(null));
        for (Bdf b : List.of(EP1, EP2, EP3)) {
            devs.add(endpoint(b, true, false, null));
        }
        return new Topology("rp+3 functions", new PlatformSpec("test", 2019), List.of(), devs);
    }

    /** RP above an SR-IOV PF (NoSoftRst+, PME from D0/D3hot, FLR) with up to 4 VFs. */
    static Topology rpPf() {
        DeviceSpec pf = new DeviceSpec(PF, RP, 0x020000, 0x8086, 0x1572, PortType.ENDPOINT,
                new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT)),
                new SriovCapability(4, 16, 1, 0x154c), HotplugKind.NONE, false, true, false, null, null, "Ethernet");
        return new Topology("rp+pf", new PlatformSpec("test", 2019), List.of(), List.of(rootPort(null), pf));
    }

    /** EP directly on the root bus (no bridge above it): a dev_set of its own. */
    static Topology rootBusEp() {
        DeviceSpec ep = new DeviceSpec(Bdf.parse("0000:00:02.0"), null, 0x030200, 0x10de, 0x2236, PortType.ENDPOINT,
                PmCapability.basic(false), null, HotplugKind.NONE, false, true, false, null, null, "3D controller");
        return new Topology("root-bus ep", new PlatformSpec("test", 2019), List.of(), List.of(ep));
    }

    /** RP with a physical slot (slot reset possible) above EP. */
    static Topology slotEp() {
        PmCapability pm = new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
        DeviceSpec rp = new DeviceSpec(RP, null, 0x060400, 0x8086, 0x7ab8, PortType.ROOT_PORT, pm, null, HotplugKind.NONE,
                true, false, false, null, null, "PCI bridge: root port with slot");
        return new Topology("slot+ep", new PlatformSpec("test", 2019), List.of(), List.of(rp, endpoint(EP, false, true, null)));
    }
}
