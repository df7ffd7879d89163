package org.pmlab.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;

/**
 * {@code pci:list} and {@code pci:tree}. On a host of more than {@value #STREAM_ABOVE}
 * functions the listing is not built as one string: a first pass measures the columns, a
 * second prints each line as it goes (the same text, byte for byte), so a million functions
 * cost no more memory than a few lines, and Ctrl-C stops between two lines. The summary counts
 * functions by driver, power state and runtime status.
 */
final class PciListing {

    static final int STREAM_ABOVE = 10_000;
    private static final String[] HEADER = {"BDF", "CLASS", "DRIVER", "POWER", "RUNTIME", "USAGE", "CONTROL"};
    private static final int CHUNK = 1 << 16;

    private PciListing() {
    }

    /** The list as text, or {@code null} when it was printed on {@code out} as it went. */
    static String list(Machine m, PrintStream out) {
        return list(m, out, STREAM_ABOVE);
    }

    static String list(Machine m, PrintStream out, int streamAbove) {
        List<PciDevice> all = m.pci().devices();
        if (all.size() <= streamAbove) {
            Table t = new Table(HEADER);
            for (PciDevice d : all) {
                t.row((Object[]) cells(d));
            }
            return t.toString();
        }
        int[] width = new int[HEADER.length];
        for (int i = 0; i < width.length; i++) {
            width[i] = HEADER[i].length();
        }
        try (Progress progress = Progress.silent("pci:list", "functions", all.size())) {
            for (int n = 0; n < all.size(); n++) {
                progress.step(n);
                String[] c = cells(all.get(n));
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], c[i].length());
                }
            }
            StringBuilder chunk = new StringBuilder(CHUNK + 256);
            line(chunk, HEADER, width);
            for (int n = 0; n < all.size(); n++) {
                progress.step(n);
                line(chunk, cells(all.get(n)), width);
                if (chunk.length() >= CHUNK) {
                    out.print(chunk);
                    chunk.setLength(0);
                }
            }
            out.print(chunk);
            out.flush();
        }
        return null;
    }

    private static String[] cells(PciDevice d) {
        PmInfo i = d.pm().info();
        return new String[] {d.bdf().toString(), PciNames.className(d.spec().classCode()), d.driver().orElse("-"),
            d.currentState().label(), i.runtimeStatus(), Integer.toString(i.usageCount()), i.control()};
    }

    /** One line as {@link Table} prints it, and its line break. */
    private static void line(StringBuilder sb, String[] cells, int[] width) {
        int start = sb.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(width[i] - cells[i].length()));
            }
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    /** Functions counted by driver, power state and runtime status, and the total. */
    static String summary(Machine m) {
        List<PciDevice> all = m.pci().devices();
        Map<String, int[]> counts = new TreeMap<>();
        try (Progress progress = Progress.start("pci:list", "functions", all.size())) {
            for (int n = 0; n < all.size(); n++) {
                progress.step(n);
                PciDevice d = all.get(n);
                String key = d.driver().orElse("-") + '\0' + d.currentState().label() + '\0' + d.pm().info().runtimeStatus();
                counts.computeIfAbsent(key, k -> new int[1])[0]++;
            }
        }
        Table t = new Table("DRIVER", "POWER", "RUNTIME", "FUNCTIONS");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String[] k = e.getKey().split("\0");
            t.row(k[0], k[1], k[2], e.getValue()[0]);
        }
        return t + "\n" + all.size() + " function" + (all.size() == 1 ? "" : "s");
    }

    /** The tree as text, or {@code null} when it was printed on {@code out} as it went. */
    static String tree(Machine m, PrintStream out) {
        return tree(m, out, STREAM_ABOVE);
    }

    static String tree(Machine m, PrintStream out, int streamAbove) {
        List<PciDevice> all = m.pci().devices();
        Map<String, List<PciDevice>> roots = new TreeMap<>();
        for (PciDevice d : all) {
            if (d.upstreamBridge().isEmpty()) {
                roots.computeIfAbsent("pci" + d.bdf().toString().substring(0, 7), k -> new ArrayList<>()).add(d);
            }
        }
        boolean stream = all.size() > streamAbove;
        try (Progress progress = Progress.silent("pci:tree", "functions", all.size())) {
            TreeLines widths = new TreeLines(progress);
            for (Map.Entry<String, List<PciDevice>> root : roots.entrySet()) {
                widths.root(root.getKey());
                widths.walk(root.getValue(), "");
            }
            widths.w0 = Math.max(widths.w0, roots.keySet().stream().mapToInt(String::length).max().orElse(0));
            TreeLines print = new TreeLines(progress, widths, stream ? out : null);
            for (Map.Entry<String, List<PciDevice>> root : roots.entrySet()) {
                print.root(root.getKey());
                print.walk(root.getValue(), "");
            }
            return print.finish();
        }
    }

    /**
     * One pass over the tree: measuring the two padded columns, or writing the lines (into
     * chunks printed as they fill, when streaming).
     */
    private static final class TreeLines {
        private final Progress progress;
        private final boolean measuring;
        private final PrintStream out;
        private final StringBuilder sb = new StringBuilder();
        private int w0;
        private int w1;
        private long done;
        private boolean first = true;

        /** A pass that measures. */
        TreeLines(Progress progress) {
            this.progress = progress;
            this.measuring = true;
            this.out = null;
        }

        /** A pass that writes, with the widths measured; {@code out} null keeps the text. */
        TreeLines(Progress progress, TreeLines measured, PrintStream out) {
            this.progress = progress;
            this.measuring = false;
            this.out = out;
            this.w0 = measured.w0;
            this.w1 = measured.w1;
        }

        void root(String name) {
            if (measuring) {
                return; // a root line is not padded
            }
            newLine().append(name);
            flushIfFull();
        }

        void walk(List<PciDevice> level, String indent) {
            for (int i = 0; i < level.size(); i++) {
                progress.step(done++);
                PciDevice d = level.get(i);
                boolean last = i == level.size() - 1;
                String name = indent + (last ? "\\-- " : "+-- ") + d.bdf() + " " + describe(d);
                String driver = d.driver().orElse("-");
                if (measuring) {
                    w0 = Math.max(w0, name.length());
                    w1 = Math.max(w1, driver.length());
                } else {
                    newLine().append(pad(name, w0)).append("  ").append(pad(driver, w1)).append("  ")
                            .append(pad(d.currentState().label(), 7)).append("  ").append(d.pm().info().runtimeStatus());
                    flushIfFull();
                }
                walk(d.subordinates(), indent + (last ? "    " : "|   "));
            }
        }

        private StringBuilder newLine() {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            return sb;
        }

        private void flushIfFull() {
            if (out != null && sb.length() >= CHUNK) {
                out.print(sb);
                sb.setLength(0);
            }
        }

        /** The text, or {@code null} once the rest is printed. */
        String finish() {
            if (out == null) {
                return sb.toString();
            }
            out.print(sb.append('\n'));
            out.flush();
            return null;
        }
    }

    static String describe(PciDevice d) {
        String label = d.spec().label();
        return label != null && !label.isBlank() ? label : PciNames.className(d.spec().classCode());
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
