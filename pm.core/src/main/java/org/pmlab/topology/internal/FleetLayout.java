package org.pmlab.topology.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/**
 * Lays out the topology of a {@link FleetShape}, in the order the kernel enumerates it: per PCI domain the host
 * bridge at 00.0 and the root ports from 01.0 on; below each root port, depth first, the switches (upstream port,
 * then its downstream ports on the switch's internal bus) and at the leaves the slots. Bus numbers are handed out
 * depth first as {@code pci_scan_bridge} does; a slot keeps the bus numbers its VFs will spill into free.
 *
 * <p>Each slot's port is {@code slot: true} with an ACPI companion ({@code _PS0}, {@code _PS3}) whose {@code _PR0}
 * and {@code _PR3} name the slot's own power resource, so the slot can reach D3cold. Root ports above switches get
 * a companion with {@code _PS0}/{@code _PS3} only; switch ports and the functions in the slots have none.
 */
final class FleetLayout {

    static final int HOST_BRIDGE_ID = 0x09a2; // Intel Ice Lake Xeon host bridge
    static final int ROOT_PORT_ID = 0x347a; // Intel Ice Lake Xeon PCIe root port
    static final int INTEL = 0x8086;
    static final int BROADCOM = 0x1000;
    static final int SWITCH_PORT_ID = 0xc030; // Broadcom PEX890xx switch port
    static final int NVIDIA = 0x10de;
    static final int GPU_ID = 0x2230; // RTX A6000, a VGA compatible controller
    static final int PF_ID = 0x1593; // Intel E810-C, SR-IOV
    static final int VF_ID = 0x1889; // Intel E810 adaptive VF
    static final int VGA = 0x030000;
    static final int ETHERNET = 0x020000;
    static final int HOST_BRIDGE = 0x060000;
    static final int PCI_BRIDGE = 0x060400;

    private static final PmCapability PORT_PM = new PmCapability(false, false, true,
            Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
    private static final PmCapability GPU_PM = PmCapability.basic(false);
    private static final PmCapability PF_PM = new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT));

    private final FleetShape shape;
    /** PF j of a slot: its VFs follow the slot's listed functions and the VFs of PFs 0..j-1. */
    private final SriovCapability[] sriov;

    FleetLayout(FleetShape shape) {
        this.shape = shape;
        this.sriov = new SriovCapability[shape.pfs()];
        for (int j = 0; j < shape.pfs(); j++) {
            int offset = shape.endpoints() + shape.pfs() + j * shape.vfs() - (shape.endpoints() + j);
            sriov[j] = new SriovCapability(shape.vfs(), offset, 1, VF_ID);
        }
    }

    /** The whole topology in memory. */
    Topology generate() {
        List<DeviceSpec> devices = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, shape.functions()));
        List<PowerResourceSpec> resources = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, shape.slots()));
        forEach(devices::add, resources::add);
        return new Topology(shape.name(), platform(), resources, devices);
    }

    static PlatformSpec platform() {
        return new PlatformSpec("pmlab fleet generator", 2022);
    }

    /**
     * Hands out every device in enumeration order, and every power resource before the first device that refers
     * to it, without holding the topology: a writer can stream a host of millions of functions.
     */
    void forEach(Consumer<DeviceSpec> devices, Consumer<PowerResourceSpec> resources) {
        int perDomain = shape.rootPortsPerDomain();
        int left = shape.rootPorts();
        for (int domain = 0; left > 0; domain++) {
            devices.accept(device(new Bdf(domain, 0, 0, 0), null, HOST_BRIDGE, INTEL, HOST_BRIDGE_ID,
                    PortType.HOST_BRIDGE, null, null, false, false, null));
            String hostBridge = "\\_SB." + name('P', domain);
            int[] nextBus = {1};
            for (int k = 0; k < perDomain && left > 0; k++, left--) {
                Bdf port = new Bdf(domain, 0, 1 + k / 8, k % 8);
                String path = hostBridge + "." + name('R', k);
                new Subtree(domain, nextBus, devices, resources).rootPort(port, path);
            }
        }
    }

    /** One domain's bus numbers, handed out depth first. */
    private final class Subtree {
        private final int domain;
        private final int[] nextBus;
        private final Consumer<DeviceSpec> devices;
        private final Consumer<PowerResourceSpec> resources;

        Subtree(int domain, int[] nextBus, Consumer<DeviceSpec> devices, Consumer<PowerResourceSpec> resources) {
            this.domain = domain;
            this.nextBus = nextBus;
            this.devices = devices;
            this.resources = resources;
        }

        void rootPort(Bdf port, String path) {
            if (shape.switchDepth() == 0) {
                slotPort(port, null, PortType.ROOT_PORT, INTEL, ROOT_PORT_ID, path);
                return;
            }
            devices.accept(device(port, null, PCI_BRIDGE, INTEL, ROOT_PORT_ID, PortType.ROOT_PORT, PORT_PM, null, false,
                    false, acpi(path, List.of())));
            switchBelow(port, shape.switchDepth(), path);
        }

        /** A switch on the secondary bus of {@code above}, and {@code levels - 1} more below each of its ports. */
        private void switchBelow(Bdf above, int levels, String path) {
            Bdf upstream = new Bdf(domain, nextBus[0]++, 0, 0);
            devices.accept(device(upstream, above, PCI_BRIDGE, BROADCOM, SWITCH_PORT_ID, PortType.UPSTREAM_PORT, PORT_PM,
                    null, false, false, null));
            int internal = nextBus[0]++;
            for (int dp = 0; dp < shape.fanout(); dp++) {
                Bdf downstream = new Bdf(domain, internal, dp, 0);
                String dpPath = path + ".UP00." + name('D', dp);
                if (levels == 1) {
                    slotPort(downstream, upstream, PortType.DOWNSTREAM_PORT, BROADCOM, SWITCH_PORT_ID, dpPath);
                } else {
                    devices.accept(device(downstream, upstream, PCI_BRIDGE, BROADCOM, SWITCH_PORT_ID,
                            PortType.DOWNSTREAM_PORT, PORT_PM, null, false, false, null));
                    switchBelow(downstream, levels - 1, dpPath);
                }
            }
        }

        /** A port that leads to a slot, the slot's power resource and the functions in it. */
        private void slotPort(Bdf port, Bdf parent, PortType type, int vendor, int deviceId, String path) {
            String resource = path + ".PWRS";
            resources.accept(new PowerResourceSpec(resource, true));
            devices.accept(device(port, parent, PCI_BRIDGE, vendor, deviceId, type, PORT_PM, null, true, false,
                    acpi(path, List.of(resource))));
            int bus = nextBus[0];
            nextBus[0] += shape.busesPerSlot();
            int devfn = 0;
            for (int e = 0; e < shape.endpoints(); e++, devfn++) {
                devices.accept(device(new Bdf(domain, bus, devfn >> 3, devfn & 7), port, VGA, NVIDIA, GPU_ID,
                        PortType.ENDPOINT, GPU_PM, null, false, true, null));
            }
            for (int j = 0; j < shape.pfs(); j++, devfn++) {
                devices.accept(device(new Bdf(domain, bus, devfn >> 3, devfn & 7), port, ETHERNET, INTEL, PF_ID,
                        PortType.ENDPOINT, PF_PM, sriov[j], false, true, null));
            }
        }
    }

    private static AcpiDeviceSpec acpi(String path, List<String> resources) {
        return new AcpiDeviceSpec(path, true, true, false, resources, resources, null, false, false, false);
    }

    private static DeviceSpec device(Bdf bdf, Bdf parent, int classCode, int vendor, int deviceId, PortType type,
            PmCapability pm, SriovCapability sriov, boolean slot, boolean flr, AcpiDeviceSpec acpi) {
        return new DeviceSpec(bdf, parent, classCode, vendor, deviceId, type, pm, sriov, HotplugKind.NONE, slot, flr,
                false, acpi, null, PciClassNames.of(classCode));
    }

    /** A four-character ACPI name: a letter and three upper-case hex digits. */
    static String name(char letter, int index) {
        String hex = Integer.toHexString(index).toUpperCase(java.util.Locale.ROOT);
        return letter + "0".repeat(Math.max(0, 3 - hex.length())) + hex;
    }
}
