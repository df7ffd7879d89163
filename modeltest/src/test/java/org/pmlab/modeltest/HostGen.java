package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.testkit.Choices;
import org.pmlab.testkit.Gen;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/**
 * Small random hosts that a kernel could meet: one to three root ports on bus 00, each above a
 * multi-function device (a GPU with its HD-audio function, NICs with SR-IOV, NVMe, USB) or a
 * switch with one or two downstream ports; ACPI companions with {@code _PS0}/{@code _PS3},
 * {@code _PR0}/{@code _PR3} over a few shared power resources, {@code _PRW}, {@code _S0W};
 * PM capabilities with or without NoSoftRst, PME and D1/D2; FLR, slots, hot-plug; the driver
 * each function binds at boot (none, vfio-pci or a native profile); a BIOS year either side of
 * 2015. Buses are numbered depth first, as firmware does. Choice 0 everywhere gives the
 * simplest host: one root port above one endpoint, no ACPI.
 */
final class HostGen {
    private HostGen() {
    }

    private static final String[] DRIVERS = {null, "vfio-pci", "e1000e", "snd_hda_intel", "nvme", "amdgpu", "xhci_hcd",
        "ixgbe", "pci-stub"};

    static final Gen<Topology> HOSTS = HostGen::draw;

    static Topology draw(Choices c) {
        int resources = c.between(0, 3);
        List<PowerResourceSpec> prs = new ArrayList<>();
        for (int i = 0; i < resources; i++) {
            prs.add(new PowerResourceSpec("PR" + i, !c.chance(0.2)));
        }
        Layout l = new Layout(c, prs);
        int ports = c.between(1, 3);
        for (int i = 0; i < ports; i++) {
            l.rootPort(new Bdf(0, 0, 0x1c + i, 0));
        }
        if (c.chance(0.2)) {
            l.add(new Bdf(0, 0, 0x14, 0), null, PortType.ENDPOINT, 0x0c0330, 0x8086, 0x7ae0, l.pm(), null, HotplugKind.NONE,
                    false, l.acpi(), l.driver(), "USB controller: integrated xHCI");
        }
        int year = c.chance(0.7) ? 2019 : 2014;
        return new Topology("generated", new PlatformSpec("generated", year), prs, l.devices);
    }

    private static final class Layout {
        final Choices c;
        final List<PowerResourceSpec> prs;
        final List<DeviceSpec> devices = new ArrayList<>();
        int nextBus = 1;

        Layout(Choices c, List<PowerResourceSpec> prs) {
            this.c = c;
            this.prs = prs;
        }

        void rootPort(Bdf bdf) {
            port(bdf, null, PortType.ROOT_PORT, 2);
        }

        void port(Bdf bdf, Bdf parent, PortType type, int depth) {
            HotplugKind hp = HotplugKind.values()[c.between(0, 2)];
            boolean slot = c.chance(0.3);
            add(bdf, parent, type, 0x060400, 0x8086, 0x7ab8, bridgePm(), null, hp, slot, acpi(), null, "PCI bridge");
            int bus = nextBus++;
            if (depth > 0 && c.chance(0.25)) {
                Bdf up = new Bdf(0, bus, 0, 0);
                add(up, bdf, PortType.UPSTREAM_PORT, 0x060400, 0x10b5, 0x8747, bridgePm(), null, HotplugKind.NONE, false,
                        null, null, "PCI bridge: switch upstream port");
                int internal = nextBus++;
                int downs = c.between(1, 2);
                for (int i = 0; i < downs; i++) {
                    port(new Bdf(0, internal, i, 0), up, PortType.DOWNSTREAM_PORT, depth - 1);
                }
            } else {
                endpoints(bdf, bus);
            }
        }

        void endpoints(Bdf bridge, int bus) {
            switch (c.between(0, 4)) {
                case 0 -> add(new Bdf(0, bus, 0, 0), bridge, PortType.ENDPOINT, 0x030200, 0x10de, 0x1eb8, pm(), null,
                        HotplugKind.NONE, false, acpi(), driver(), "3D controller");
                case 1 -> {
                    // a GPU and its HD-audio function: quirk_gpu_hda links them
                    add(new Bdf(0, bus, 0, 0), bridge, PortType.ENDPOINT, 0x030000, 0x1002, 0x73bf, pm(), null,
                            HotplugKind.NONE, false, acpi(), driver(), "VGA compatible controller");
                    add(new Bdf(0, bus, 0, 1), bridge, PortType.ENDPOINT, 0x040300, 0x1002, 0xab28, pm(), null,
                            HotplugKind.NONE, false, acpi(), driver(), "Audio device");
                }
                case 2 -> add(new Bdf(0, bus, 0, 0), bridge, PortType.ENDPOINT, 0x020000, 0x8086, 0x10fb, pm(),
                        new SriovCapability(c.between(1, 4), c.between(1, 8), c.between(1, 2), 0x10ed), HotplugKind.NONE,
                        false, acpi(), driver(), "Ethernet controller (SR-IOV)");
                case 3 -> {
                    int n = c.between(1, 3);
                    for (int f = 0; f < n; f++) {
                        add(new Bdf(0, bus, 0, f), bridge, PortType.ENDPOINT, 0x020000, 0x8086, 0x15b8, pm(), null,
                                HotplugKind.NONE, false, acpi(), driver(), "Ethernet controller");
                    }
                }
                default -> add(new Bdf(0, bus, 0, 0), bridge, PortType.ENDPOINT, 0x010802, 0x144d, 0xa80a, pm(), null,
                        HotplugKind.NONE, false, acpi(), driver(), "Non-Volatile memory controller");
            }
        }

        PmCapability pm() {
            if (c.chance(0.1)) {
                return null;
            }
            return new PmCapability(c.chance(0.2), c.chance(0.2), c.chance(0.4), pmeStates());
        }

        PmCapability bridgePm() {
            return new PmCapability(false, false, c.chance(0.3), pmeStates());
        }

        Set<PowerState> pmeStates() {
            return switch (c.between(0, 3)) {
                case 0 -> Set.of();
                case 1 -> Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD);
                case 2 -> Set.of(PowerState.D0, PowerState.D3HOT);
                default -> Set.of(PowerState.D3HOT);
            };
        }

        String driver() {
            return DRIVERS[c.between(0, DRIVERS.length - 1)];
        }

        AcpiDeviceSpec acpi() {
            if (!c.chance(0.6)) {
                return null;
            }
            boolean ps0 = c.chance(0.8);
            boolean ps3 = c.chance(0.8);
            boolean psc = c.chance(0.3);
            List<String> pr0 = resources();
            List<String> pr3 = c.chance(0.7) ? pr0 : resources();
            Integer s0w = c.chance(0.4) ? Integer.valueOf(c.between(0, 4)) : null;
            return new AcpiDeviceSpec("\\_SB.PCI0.D" + devices.size(), ps0, ps3, psc, pr0, pr3, s0w, c.chance(0.3),
                    c.chance(0.2), false);
        }

        List<String> resources() {
            List<String> out = new ArrayList<>();
            if (prs.isEmpty()) {
                return out;
            }
            int n = c.between(0, Math.min(2, prs.size()));
            int first = c.between(0, prs.size() - 1);
            for (int i = 0; i < n; i++) {
                out.add(prs.get((first + i) % prs.size()).name());
            }
            return out;
        }

        void add(Bdf bdf, Bdf parent, PortType type, int cls, int vendor, int device, PmCapability pm, SriovCapability sriov,
                HotplugKind hp, boolean slot, AcpiDeviceSpec acpi, String driver, String label) {
            boolean flr = type == PortType.ENDPOINT && c.chance(0.6);
            boolean wakeup = c.chance(0.3);
            devices.add(new DeviceSpec(bdf, parent, cls, vendor, device, type, pm, sriov, hp, slot, flr, wakeup, acpi, driver,
                    label));
        }
    }
}
