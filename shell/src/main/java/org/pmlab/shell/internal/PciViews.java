package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.pmlab.hw.api.Bdf;

/** What the {@code pci:} views return. */
final class PciViews {
    private PciViews() {
    }

    /** One line of {@code pci:list}. */
    record Row(Bdf bdf, @Column("CLASS") String className, String driver, String power, String runtime, int usage,
            String control) {
    }

    /**
     * {@code pci:tree}: the hierarchy below each root bus. Its nodes may be made as they are
     * read (see {@link PciListing}), so the text is written in two walks, one that measures the
     * columns and one that writes the lines, and never held as lines.
     */
    record Tree(List<Node> roots) implements Rendered {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder();
            try {
                renderTo(sb);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return sb.toString();
        }

        @Override
        public void renderTo(Appendable out) throws IOException {
            int[] width = new int[2];
            for (Node root : roots) {
                width[0] = Math.max(width[0], root.name().length());
                measure(root.children(), 0, width);
            }
            boolean first = true;
            StringBuilder line = new StringBuilder();
            for (Node root : roots) {
                if (!first) {
                    out.append('\n');
                }
                first = false;
                out.append(root.name());
                write(root.children(), new StringBuilder(), width, line, out);
            }
        }

        /** The widths of the name column (with its indent) and the driver column. */
        private static void measure(List<Node> level, int indent, int[] width) {
            for (Node d : level) {
                width[0] = Math.max(width[0], indent + 4 + d.name().length());
                width[1] = Math.max(width[1], Views.text(d.driver()).length());
                measure(d.children(), indent + 4, width);
            }
        }

        private static void write(List<Node> level, StringBuilder indent, int[] width, StringBuilder line,
                Appendable out) throws IOException {
            int n = level.size();
            for (int i = 0; i < n; i++) {
                Node d = level.get(i);
                boolean last = i == n - 1;
                line.setLength(0);
                line.append(indent).append(last ? "\\-- " : "+-- ").append(d.name());
                pad(line, width[0]).append("  ").append(Views.text(d.driver()));
                pad(line, width[0] + 2 + width[1]).append("  ").append(d.power());
                pad(line, width[0] + 2 + width[1] + 2 + 7).append("  ").append(d.runtime());
                out.append('\n').append(line);
                int mark = indent.length();
                indent.append(last ? "    " : "|   ");
                write(d.children(), indent, width, line, out);
                indent.setLength(mark);
            }
        }

        private static StringBuilder pad(StringBuilder line, int to) {
            while (line.length() < to) {
                line.append(' ');
            }
            return line;
        }
    }

    /** A root bus ({@code pci0000:00}) or a function ("0000:01:00.0 3D controller") and what lies below. */
    record Node(String name, String driver, String power, String runtime, List<Node> children) {
    }

    /** {@code pci:list --summary}: how many functions each driver, power state and runtime status has. */
    record Summary(List<Count> counts, int functions) implements Rendered {
        @Override
        public String render() {
            return Views.table(Rows.of(Count.class, counts)) + "\n" + functions + (functions == 1 ? " function" : " functions");
        }
    }

    /** One line of the summary. */
    record Count(String driver, String power, String runtime, int functions) {
    }

    /**
     * {@code pci:info}: a function as lspci -vv shows it (the PM capability and its status) and
     * its sysfs attributes.
     */
    record Info(Bdf bdf, String className, String description, String id, String driver, List<String> capability,
            String powerState, int d3coldAllowed, Integer bridgeD3, String wakeup, String control,
            String runtimeStatus, int runtimeUsage, int runtimeActiveKids, String runtimeEnabled, int enableCnt,
            String driverOverride, Integer sriovTotalvfs, Integer sriovNumvfs) implements Rendered {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder();
            // lspci: "01:00.0 3D controller: NVIDIA Corporation TU104GL [Tesla T4] [10de:1eb8]"; a
            // topology's label may already start with the class name
            String name = description.startsWith(className + ": ") ? description.substring(className.length() + 2)
                    : description;
            sb.append(bdf).append(' ').append(className).append(": ").append(name).append(" [").append(id).append(']');
            if (driver != null) {
                sb.append("\n\tKernel driver in use: ").append(driver);
            }
            capability.forEach(l -> sb.append('\n').append(l));
            KeyValues kv = new KeyValues().put("power_state", powerState).put("d3cold_allowed", d3coldAllowed);
            if (bridgeD3 != null) {
                kv.put("bridge_d3", bridgeD3);
            }
            if (wakeup != null) {
                kv.put("power/wakeup", wakeup);
            }
            kv.put("power/control", control).put("power/runtime_status", runtimeStatus)
                    .put("power/runtime_usage", runtimeUsage).put("power/runtime_active_kids", runtimeActiveKids)
                    .put("power/runtime_enabled", runtimeEnabled).put("enable_cnt", enableCnt)
                    .put("driver_override", driverOverride == null ? "(null)" : driverOverride);
            if (sriovTotalvfs != null) {
                kv.put("sriov_totalvfs", sriovTotalvfs).put("sriov_numvfs", sriovNumvfs);
            }
            for (String line : kv.toString().split("\n")) {
                sb.append("\n\t").append(line);
            }
            return sb.toString();
        }
    }
}
