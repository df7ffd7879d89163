package org.pmlab.shell.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;

/**
 * The views of {@code pci:list} and {@code pci:tree}, made as they are read: a row or a node
 * exists only while it is printed, so the listing of a million functions costs the text being
 * written and a few rows, not a copy of the machine. The summary counts functions by driver,
 * power state and runtime status.
 */
final class PciListing {
    private PciListing() {
    }

    /** Every function, in address order; the rows are read from the machine as they are printed. */
    static Rows<PciViews.Row> list(Machine m) {
        List<PciDevice> all = m.pci().devices();
        return Rows.view(PciViews.Row.class, new AbstractList<>() {
            @Override
            public PciViews.Row get(int index) {
                return row(all.get(index));
            }

            @Override
            public int size() {
                return all.size();
            }
        });
    }

    static PciViews.Row row(PciDevice d) {
        PmInfo i = d.pm().info();
        return new PciViews.Row(d.bdf(), PciClassNames.of(d.spec().classCode()), d.driver().orElse(null),
                d.currentState().label(), i.runtimeStatus(), i.usageCount(), i.control());
    }

    /** The hierarchy below each root bus ({@code pci0000:00}); each level is read as it is walked. */
    static PciViews.Tree tree(Machine m) {
        Map<String, List<PciDevice>> roots = new TreeMap<>();
        for (PciDevice d : m.pci().devices()) {
            if (d.upstreamBridge().isEmpty()) {
                roots.computeIfAbsent("pci" + d.bdf().toString().substring(0, 7), k -> new ArrayList<>()).add(d);
            }
        }
        List<PciViews.Node> nodes = new ArrayList<>();
        roots.forEach((name, level) -> nodes.add(new PciViews.Node(name, null, null, null, nodes(level))));
        return new PciViews.Tree(nodes);
    }

    private static List<PciViews.Node> nodes(List<PciDevice> level) {
        return new AbstractList<>() {
            @Override
            public PciViews.Node get(int index) {
                PciDevice d = level.get(index);
                return new PciViews.Node(d.bdf() + " " + describe(d), d.driver().orElse(null), d.currentState().label(),
                        d.pm().info().runtimeStatus(), nodes(d.subordinates()));
            }

            @Override
            public int size() {
                return level.size();
            }
        };
    }

    /** Functions counted by driver, power state and runtime status, and the total; progress on a big host. */
    static PciViews.Summary summary(Machine m) {
        List<PciDevice> all = m.pci().devices();
        Map<List<String>, int[]> counts = new TreeMap<>(PciListing::compare);
        try (Progress progress = Progress.start("pci:list", "functions", all.size())) {
            for (int n = 0; n < all.size(); n++) {
                progress.step(n);
                PciDevice d = all.get(n);
                counts.computeIfAbsent(List.of(Views.text(d.driver()), d.currentState().label(),
                        d.pm().info().runtimeStatus()), k -> new int[1])[0]++;
            }
        }
        List<PciViews.Count> rows = new ArrayList<>();
        counts.forEach((k, c) -> rows.add(new PciViews.Count(k.get(0), k.get(1), k.get(2), c[0])));
        return new PciViews.Summary(rows, all.size());
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The function's label from the topology, or its class name. */
    static String describe(PciDevice d) {
        String label = d.spec().label();
        return label != null && !label.isBlank() ? label : PciClassNames.of(d.spec().classCode());
    }
}
