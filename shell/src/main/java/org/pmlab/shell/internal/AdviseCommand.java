package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.scenario.api.Advice;
import org.pmlab.scenario.api.AdviceRow;
import org.pmlab.scenario.api.Advisor;
import org.pmlab.scenario.api.Knob;

/**
 * {@code sim:advise BDF}: the policy matrix for one device on the live machine's hardware and
 * firmware — each combination of the user's knobs tried on a fresh machine, merged where the
 * outcome is the same, sorted by idle power, the current setting marked.
 */
@Component(service = AdviseCommand.class, property = {"osgi.command.scope=sim", "osgi.command.function=advise"})
public final class AdviseCommand {

    /**
     * {@code sim:advise}: the device, where its knobs live, and the rows.
     *
     * @param knobs the knobs, as the columns name them
     * @param currentTried whether the live machine's setting is one of the rows
     */
    record Matrix(Bdf device, String className, List<Bdf> bridges, Bdf port, String firmware, String kernel,
            List<String> knobs, List<Setting> rows, boolean currentTried) implements Rendered {
        @Override
        public String render() {
            List<String> header = new ArrayList<>(List.of(""));
            knobs.forEach(k -> header.add(k.toUpperCase(Locale.ROOT)));
            header.addAll(List.of("STATES", "IDLE_W", "RESUME", "NOTES"));
            Table t = new Table(header.toArray(new String[0]));
            for (Setting r : rows) {
                List<Object> row = new ArrayList<>();
                row.add(r.current() ? "=>" : "");
                knobs.forEach(k -> row.add(r.knobs().get(k)));
                row.add(r.states());
                row.add(EnergyCommands.fixed(r.idleWatts(), 3));
                row.add(EnergyCommands.fixed(r.resumeS(), 3) + " s");
                row.add(String.join("; ", r.notes()));
                t.row(row.toArray());
            }
            String path = bridges.isEmpty() ? "none (root bus)" : String.join("/", bridges.stream().map(Bdf::toString)
                    .toList());
            return device + " " + className + ", bridges " + path + (port == null ? "" : "; port = " + port) + "; firmware "
                    + firmware + "\n"
                    + "each combination booted fresh, bound to vfio-pci, left idle; * = any value; => = the current setting;"
                    + " RESUME = the first open\n" + t
                    + (currentTried ? "" : "\n(the current setting is not in the matrix: kernel " + kernel + " was not tried)");
        }
    }

    /**
     * Settings with one outcome.
     *
     * @param knobs per knob the values covered: {@code *} for any, {@code 5.19+} for a run of kernels to the newest
     * @param states idle power_state of the device, then each bridge ({@code D3cold/D3cold})
     * @param resumeS the first open's latency from idle, in seconds
     * @param resume the first open's result: 0 or the error a user sees
     */
    record Setting(boolean current, Map<String, String> knobs, String states, double idleWatts, double resumeS,
            String resume, List<String> notes) {
    }

    private final Steps steps;
    private final Advisor advisor;

    @Activate
    public AdviseCommand(@Reference Steps steps, @Reference Advisor advisor) {
        this.steps = steps;
        this.advisor = advisor;
    }

    @Descriptor("the knob matrix for a device: idle states of it and its bridges, idle power, resume latency and risks "
            + "for each combination of disable_idle_d3, d3cold_allowed, power/control, pcie_port_pm and kernel")
    @Example("sim:advise 0000:01:00.0")
    @Example("sim:advise --kernels 6.1 0000:03:00.0")
    @Example("sim:advise --json 0000:01:00.0")
    public Object advise(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false")
            boolean json,
            @Descriptor("comma-separated kernel versions to try, or all (every modelled one)")
            @Parameter(names = {"-k", "--kernels"}, absentValue = Args.ALL) Args.KernelList kernels,
            @Descriptor("an endpoint, DDDD:BB:DD.F") Bdf bdf) {
        Machine live = steps.machine();
        PciDevice d = live.pci().get(bdf);
        Advice a = advisor.advise(live, d.bdf(), kernels.versions());
        List<String> names = new ArrayList<>();
        for (Knob k : Knob.values()) {
            names.add(column(k));
        }
        List<Setting> rows = new ArrayList<>();
        for (AdviceRow r : a.rows()) {
            Map<String, String> knobs = new LinkedHashMap<>();
            for (Knob k : Knob.values()) {
                knobs.put(column(k), values(k, r.knobs().get(k), a.domains().get(k)));
            }
            rows.add(new Setting(r.current(), knobs, states(r), r.idleWatts(), r.resumeNs() / 1e9,
                    r.resumeResult() == 0 ? "0" : Errno.describe(r.resumeResult()), r.risks()));
        }
        Matrix m = new Matrix(d.bdf(), PciClassNames.of(d.spec().classCode()), a.bridges(), a.port(),
                live.firmware().activeName(), live.kernel().toString(), names, rows,
                a.rows().stream().anyMatch(AdviceRow::current));
        return json ? new Json(m) : m;
    }

    /** "disable_idle_d3", "port_d3cold_allowed", "control", "port_control", ... */
    private static String column(Knob k) {
        return k.label().replace(' ', '_').replace("power/", "");
    }

    private static String states(AdviceRow r) {
        StringBuilder sb = new StringBuilder(r.device().label());
        for (PowerState b : r.bridges()) {
            sb.append('/').append(b.label());
        }
        return sb.toString();
    }

    /** "*" for every value, "5.19+" for a run of kernels up to the newest, else the values. */
    private static String values(Knob k, List<String> vs, List<String> domain) {
        if (vs.size() == domain.size() && domain.size() > 1) {
            return "*";
        }
        if (k == Knob.KERNEL && vs.size() > 1) {
            int first = domain.indexOf(vs.get(0));
            if (domain.subList(first, domain.size()).equals(vs)) {
                return vs.get(0) + "+";
            }
        }
        return String.join(",", vs);
    }
}
