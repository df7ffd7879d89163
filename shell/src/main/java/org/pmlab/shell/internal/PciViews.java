package org.pmlab.shell.internal;

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

    /** {@code pci:tree}: the hierarchy below each root bus. */
    record Tree(List<Node> roots) implements Rendered {
        @Override
        public String render() {
            List<String[]> lines = new java.util.ArrayList<>();
            for (Node root : roots) {
                lines.add(new String[] {root.name(), "", "", ""});
                walk(root.children(), "", lines);
            }
            int w0 = 0;
            int w1 = 0;
            for (String[] l : lines) {
                w0 = Math.max(w0, l[0].length());
                w1 = Math.max(w1, l[1].length());
            }
            StringBuilder sb = new StringBuilder();
            for (String[] l : lines) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                if (l[1].isEmpty()) {
                    sb.append(l[0]);
                    continue;
                }
                sb.append(HelpText.pad(l[0], w0)).append("  ").append(HelpText.pad(l[1], w1)).append("  ")
                        .append(HelpText.pad(l[2], 7)).append("  ").append(l[3]);
            }
            return sb.toString();
        }

        private static void walk(List<Node> level, String indent, List<String[]> lines) {
            for (int i = 0; i < level.size(); i++) {
                Node d = level.get(i);
                boolean last = i == level.size() - 1;
                lines.add(new String[] {indent + (last ? "\\-- " : "+-- ") + d.name(), Views.text(d.driver()), d.power(),
                        d.runtime()});
                walk(d.children(), indent + (last ? "    " : "|   "), lines);
            }
        }
    }

    /** A root bus ({@code pci0000:00}) or a function ("0000:01:00.0 3D controller") and what lies below. */
    record Node(String name, String driver, String power, String runtime, List<Node> children) {
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
