package org.pmlab.topology.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/**
 * Checks how the parts of a topology fit together: the tree of bridges and functions, bus numbers, SR-IOV
 * routing IDs and references to power resources. Paths name the offending entry by its index in the document,
 * which is the index in {@link Topology#devices()}.
 *
 * <p>Every check is a hash lookup, so a topology is validated in time linear in its devices (plus its VFs).
 */
final class TopologyValidator {

    private final String source;
    private final Map<String, Integer> resourceIndex = new HashMap<>();
    // Keyed by packed addresses (IntIntMap.packed), so a host of millions of functions and VFs
    // allocates no entry per address.
    /** Address to the index of the device there. */
    private IntIntMap deviceIndex;
    /** Bridge address to the bus its children are on; the first child decides. */
    private IntIntMap secondaryBus;
    /** Domain and bus ({@link #busKey}) to the index of the bridge whose secondary bus it is. */
    private IntIntMap busOwner;
    /** VF address to the index of the PF that creates it. */
    private IntIntMap vfOwner;
    private final Map<String, Integer> acpiPathIndex = new HashMap<>();

    private TopologyValidator(String source) {
        this.source = source;
    }

    /**
     * @return the topology, unchanged
     * @throws TopologyException for the first problem found
     */
    static Topology validate(Topology topology, String source) {
        new TopologyValidator(source).check(topology);
        return topology;
    }

    private void check(Topology topology) {
        List<PowerResourceSpec> resources = topology.powerResources();
        for (int i = 0; i < resources.size(); i++) {
            Integer earlier = resourceIndex.putIfAbsent(resources.get(i).name(), i);
            if (earlier != null) {
                throw new TopologyException(source, "$.powerResources[" + i + "].name", "duplicate power resource name '"
                        + resources.get(i).name() + "', already declared at $.powerResources[" + earlier + "]");
            }
        }
        java.util.Map<String, Integer> driverIndex = new java.util.HashMap<>();
        for (int i = 0; i < topology.drivers().size(); i++) {
            Integer earlier = driverIndex.putIfAbsent(topology.drivers().get(i).name(), i);
            if (earlier != null) {
                throw new TopologyException(source, "$.drivers[" + i + "].name", "duplicate driver name '"
                        + topology.drivers().get(i).name() + "', already declared at $.drivers[" + earlier + "]");
            }
        }
        List<DeviceSpec> devices = topology.devices();
        deviceIndex = new IntIntMap(devices.size());
        secondaryBus = new IntIntMap(1024);
        busOwner = new IntIntMap(1024);
        vfOwner = new IntIntMap(1024);
        // All addresses first: a parent or VF collision may refer to an entry further down.
        for (int i = 0; i < devices.size(); i++) {
            int earlier = deviceIndex.putIfAbsent(IntIntMap.packed(devices.get(i).bdf()), i);
            if (earlier != IntIntMap.ABSENT) {
                throw error(i, "bdf", "duplicate BDF " + devices.get(i).bdf() + ", already used by " + devicePath(earlier));
            }
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceSpec device = devices.get(i);
            placement(i, device, devices);
            portFeatures(i, device);
            if (device.sriov() != null) {
                virtualFunctions(i, device, devices);
            }
            if (device.acpi() != null) {
                acpiCompanion(i, device.acpi());
            }
        }
    }

    /** Where a function sits: its parent bridge, the order of the two, and the bus numbers. */
    private void placement(int i, DeviceSpec device, List<DeviceSpec> devices) {
        PortType type = device.portType();
        Bdf bdf = device.bdf();
        Bdf parentBdf = device.parent();
        if (parentBdf == null) {
            if (type == PortType.UPSTREAM_PORT || type == PortType.DOWNSTREAM_PORT) {
                throw error(i, "parent", article(type) + " needs a parent " + allowedParents(type));
            }
            if (bdf.bus() != 0) {
                throw error(i, "parent", "a function on bus " + hex2(bdf.bus())
                        + " needs a parent bridge; only functions on the root bus (bus 00) have none");
            }
            return;
        }
        if (type == PortType.ROOT_PORT || type == PortType.HOST_BRIDGE) {
            throw error(i, "parent", article(type) + " sits on the root bus and has no parent");
        }
        if (bdf.bus() == 0) {
            throw error(i, "parent", "a function on the root bus (bus 00) has no parent");
        }
        int p = deviceIndex.get(IntIntMap.packed(parentBdf));
        if (p == IntIntMap.ABSENT) {
            throw error(i, "parent", "unknown parent " + parentBdf + ": no device has this BDF");
        }
        if (p == i) {
            throw error(i, "parent", "a function cannot be its own parent");
        }
        if (p > i) {
            throw error(i, "parent", "parent " + parentBdf + " is listed after this function, at " + devicePath(p)
                    + "; list every bridge before the functions below it");
        }
        PortType parentType = devices.get(p).portType();
        if (!parentType.isPort()) {
            throw error(i, "parent", "parent " + parentBdf + " is " + article(parentType)
                    + ", not a bridge; only root, upstream and downstream ports have functions below them");
        }
        if (type == PortType.UPSTREAM_PORT && parentType != PortType.ROOT_PORT && parentType != PortType.DOWNSTREAM_PORT
                || type == PortType.DOWNSTREAM_PORT && parentType != PortType.UPSTREAM_PORT) {
            throw error(i, "parent", "parent " + parentBdf + " is " + article(parentType) + ", but " + article(type)
                    + " must sit " + allowedParents(type));
        }
        if (bdf.domain() != parentBdf.domain()) {
            throw error(i, "parent", "parent " + parentBdf + " is in another PCI domain than " + bdf);
        }
        if (bdf.bus() == parentBdf.bus()) {
            throw error(i, "bdf", "bus " + hex2(bdf.bus()) + " is the bus of the parent " + parentBdf
                    + " itself; functions below a bridge sit on its secondary bus, which is a different number");
        }
        int key = busKey(bdf);
        int known = secondaryBus.putIfAbsent(IntIntMap.packed(parentBdf), key);
        if (known == IntIntMap.ABSENT) {
            int owner = busOwner.putIfAbsent(key, p);
            if (owner != IntIntMap.ABSENT) {
                throw error(i, "bdf", "bus " + hex2(bdf.bus()) + " is already the secondary bus of "
                        + devices.get(owner).bdf() + ", not of the parent " + parentBdf);
            }
        } else if (known != key) {
            throw error(i, "bdf", "the other functions below " + parentBdf + " are on bus " + hex2(known & 0xff)
                    + "; a bridge has one secondary bus");
        }
    }

    /** Hot-plug slots exist only on downstream-facing ports; SR-IOV only on endpoints. */
    private void portFeatures(int i, DeviceSpec device) {
        PortType type = device.portType();
        boolean downstreamFacing = type == PortType.ROOT_PORT || type == PortType.DOWNSTREAM_PORT;
        if (device.hotplug() != HotplugKind.NONE && !downstreamFacing) {
            throw error(i, "hotplug", "hotplug \"" + device.hotplug().word() + "\" on " + article(type)
                    + ": only root ports and downstream ports have hot-plug slots");
        }
        if (device.slot() && !downstreamFacing) {
            throw error(i, "slot", "slot on " + article(type) + ": only root ports and downstream ports lead to a slot");
        }
        if (device.sriov() != null && type != PortType.ENDPOINT) {
            throw error(i, "sriov", "SR-IOV on " + article(type) + ": only endpoints can be physical functions");
        }
    }

    /** VF k is at the PF's routing ID + offset + k * stride; none may land on another function or VF. */
    private void virtualFunctions(int i, DeviceSpec pf, List<DeviceSpec> devices) {
        SriovCapability sriov = pf.sriov();
        Bdf pfBdf = pf.bdf();
        long last = (pfBdf.bus() << 8 | pfBdf.devfn()) + sriov.vfOffset() + (long) (sriov.totalVfs() - 1) * sriov.vfStride();
        if (last > 0xffff) {
            throw error(i, "sriov", "the last of " + sriov.totalVfs() + " VFs would lie beyond bus ff");
        }
        int pfKey = IntIntMap.packed(pfBdf);
        for (int k = 0; k < sriov.totalVfs(); k++) {
            // Bdf.plusRoutingId on the packed address: the routing ID is its low 16 bits
            int vf = pfKey + sriov.vfOffset() + k * sriov.vfStride();
            int taken = deviceIndex.get(vf);
            if (taken != IntIntMap.ABSENT) {
                throw error(i, "sriov", "VF " + k + " would be at " + IntIntMap.unpacked(vf) + ", which is the function at "
                        + devicePath(taken));
            }
            int otherPf = vfOwner.putIfAbsent(vf, i);
            if (otherPf != IntIntMap.ABSENT) {
                throw error(i, "sriov", "VF " + k + " would be at " + IntIntMap.unpacked(vf) + ", which is already a VF of "
                        + devices.get(otherPf).bdf());
            }
        }
    }

    private void acpiCompanion(int i, AcpiDeviceSpec acpi) {
        Integer earlier = acpiPathIndex.putIfAbsent(acpi.path(), i);
        if (earlier != null) {
            throw error(i, "acpi.path", "ACPI path " + acpi.path() + " is already the companion of " + devicePath(earlier));
        }
        powerResourceRefs(i, "pr0", acpi.pr0());
        powerResourceRefs(i, "pr3", acpi.pr3());
    }

    private void powerResourceRefs(int i, String field, List<String> names) {
        for (int k = 0; k < names.size(); k++) {
            if (!resourceIndex.containsKey(names.get(k))) {
                throw error(i, "acpi." + field + "[" + k + "]", "unknown power resource '" + names.get(k)
                        + "': not declared in $.powerResources");
            }
        }
    }

    private TopologyException error(int device, String field, String problem) {
        return new TopologyException(source, devicePath(device) + "." + field, problem);
    }

    private static String devicePath(int index) {
        return "$.devices[" + index + "]";
    }

    private static int busKey(Bdf bdf) {
        return bdf.domain() << 8 | bdf.bus();
    }

    private static String hex2(int bus) {
        return String.format("%02x", bus);
    }

    private static String article(PortType type) {
        String word = type.word();
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String allowedParents(PortType type) {
        return type == PortType.UPSTREAM_PORT
                ? "below a root-port or a downstream-port"
                : "below an upstream-port";
    }
}
