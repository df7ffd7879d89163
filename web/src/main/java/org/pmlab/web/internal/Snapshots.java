package org.pmlab.web.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;

/** What the page shows of a machine, as values Jackson writes: the tree, each node, the power resources. */
final class Snapshots {
    private Snapshots() {
    }

    /** The machine as a whole. */
    record MachineView(long id, String kernel, String firmware, List<String> firmwares, List<String> drivers, long timeNs,
            String time, String root) {
    }

    /**
     * One PCI function.
     *
     * @param parent the upstream bridge's BDF, or null below a root bus
     * @param depth 0 directly on a root bus
     */
    record Node(String bdf, String parent, int depth, String label, boolean bridge, String driver, String power,
            String status, int usage, String control, String platform) {
    }

    record Resource(String name, boolean on, int refCount, List<String> users, int onCount, int offCount) {
    }

    /** The whole tree in depth-first order, bridges before their children. */
    record Tree(MachineView machine, List<Node> nodes, List<Resource> resources) {
    }

    static Tree tree(Machine m, List<String> firmwares) {
        List<Node> nodes = new ArrayList<>();
        Map<Bdf, String> platform = platformStates(m);
        for (PciDevice d : m.pci().devices()) {
            if (d.upstreamBridge().isEmpty()) {
                walk(d, 0, platform, nodes);
            }
        }
        return new Tree(machine(m, firmwares), nodes, resources(m));
    }

    private static void walk(PciDevice d, int depth, Map<Bdf, String> platform, List<Node> out) {
        out.add(node(d, depth, platform));
        for (PciDevice c : d.subordinates()) {
            walk(c, depth + 1, platform, out);
        }
    }

    /** Each device's platform (ACPI) power state, as the firmware reports it; empty under native PM. */
    private static Map<Bdf, String> platformStates(Machine m) {
        return m.firmware().ops().map(PlatformPm::deviceStates).orElse(Map.of());
    }

    static MachineView machine(Machine m, List<String> firmwares) {
        List<String> fws = new ArrayList<>(firmwares);
        fws.add("native");
        long now = m.clock().nanoTime();
        return new MachineView(m.id(), m.kernel().toString(), m.firmware().activeName(), fws, m.pci().drivers(), now,
                String.format("%d.%06d s", now / 1_000_000_000L, (now / 1_000L) % 1_000_000L), rootName(m));
    }

    private static String rootName(Machine m) {
        return m.pci().devices().stream().filter(d -> d.upstreamBridge().isEmpty()).findFirst()
                .map(d -> String.format("pci%04x:%02x", d.bdf().domain(), d.bdf().bus())).orElse("");
    }

    /** The nodes named, in the given order; names no longer on the machine are skipped. */
    static List<Node> nodes(Machine m, Collection<String> bdfs) {
        List<Node> out = new ArrayList<>();
        Map<Bdf, String> platform = platformStates(m);
        for (PciDevice d : m.pci().devices()) {
            if (bdfs.contains(d.bdf().toString())) {
                out.add(node(d, depth(d), platform));
            }
        }
        return out;
    }

    private static int depth(PciDevice d) {
        int depth = 0;
        for (Optional<PciDevice> up = d.upstreamBridge(); up.isPresent(); up = up.get().upstreamBridge()) {
            depth++;
        }
        return depth;
    }

    static Node node(PciDevice d, int depth, Map<Bdf, String> platformStates) {
        PmInfo i = d.pm().info();
        String label = d.spec().label();
        String platform = platformStates.get(d.bdf());
        return new Node(d.bdf().toString(), d.upstreamBridge().map(p -> p.bdf().toString()).orElse(null), depth,
                label == null ? "" : label, d.isBridge(), d.driver().orElse(null), d.currentState().label(),
                i.runtimeStatus(), i.usageCount(), i.control(), platform);
    }

    static List<Resource> resources(Machine m) {
        List<Resource> out = new ArrayList<>();
        m.firmware().ops().ifPresent(o -> {
            for (PowerResourceView r : o.powerResources()) {
                out.add(new Resource(r.name(), r.on(), r.refCount(), r.users(), r.onCount(), r.offCount()));
            }
        });
        return out;
    }
}
