package org.pmlab.web.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.machine.api.Machine;
import org.pmlab.web.timeline.Timeline.LaneKind;

/**
 * The lanes of a machine in tree order: each root bus (as runtime PM knows it, {@code pci0000:00}),
 * the functions below it depth first with every bridge above its children, then the firmware's
 * power resources.
 */
public final class MachineLanes {
    private MachineLanes() {
    }

    /**
     * @param only the functions to draw (in tree order whatever order they are given in); empty
     *        for every function, the root buses and the power resources
     */
    public static List<LaneSeed> of(Machine m, Collection<Bdf> only) {
        Set<Bdf> wanted = new LinkedHashSet<>(only);
        TreeMap<String, List<PciDevice>> roots = new TreeMap<>();
        for (PciDevice d : m.pci().devices()) {
            if (d.upstreamBridge().isEmpty()) {
                roots.computeIfAbsent(rootBus(d.bdf()), k -> new ArrayList<>()).add(d);
            }
        }
        List<LaneSeed> seeds = new ArrayList<>();
        for (var root : roots.entrySet()) {
            if (wanted.isEmpty()) {
                m.pmDevices().find(root.getKey()).ifPresent(bus -> seeds.add(
                        new LaneSeed(bus.name(), bus.name(), 0, LaneKind.BUS, null, bus.info().runtimeStatus())));
            }
            walk(root.getValue(), 1, wanted, seeds);
        }
        if (wanted.isEmpty()) {
            Optional<PlatformPm> ops = m.firmware().ops();
            if (ops.isPresent()) {
                for (PowerResourceView r : ops.get().powerResources()) {
                    seeds.add(new LaneSeed(r.name(), "power resource " + r.name(), 0, LaneKind.POWER_RESOURCE,
                            r.on() ? "on" : "off", null));
                }
            }
        }
        return seeds;
    }

    /** The name runtime PM gives the host bridge of a root bus, as {@code pci_create_root_bus} does. */
    static String rootBus(Bdf bdf) {
        return String.format("pci%04x:%02x", bdf.domain(), bdf.bus());
    }

    private static void walk(List<PciDevice> level, int depth, Set<Bdf> wanted, List<LaneSeed> out) {
        for (PciDevice d : level) {
            if (wanted.isEmpty() || wanted.contains(d.bdf())) {
                out.add(seed(d, wanted.isEmpty() ? depth : 0));
            }
            walk(d.subordinates(), depth + 1, wanted, out);
        }
    }

    private static LaneSeed seed(PciDevice d, int depth) {
        PmDevice pm = d.pm();
        String label = d.spec().label();
        String text = d.bdf() + (label != null && !label.isBlank() ? " " + label : "");
        return new LaneSeed(d.bdf().toString(), text, depth, LaneKind.DEVICE, d.currentState().label(),
                pm.info().runtimeStatus());
    }
}
