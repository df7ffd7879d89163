package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.scenario.api.Advice;
import org.pmlab.scenario.api.AdviceRow;
import org.pmlab.scenario.api.Advisor;
import org.pmlab.scenario.api.Knob;
import org.pmlab.sim.api.KernelVersion;

/**
 * {@code sim:advise BDF}: the policy matrix for one device on the live machine's hardware and
 * firmware — each combination of the user's knobs tried on a fresh machine, merged where the
 * outcome is the same, sorted by idle power, the current setting marked.
 */
@Component(service = AdviseCommand.class, property = {"osgi.command.scope=sim", "osgi.command.function=advise"})
public final class AdviseCommand {

    private final Steps steps;
    private final Advisor advisor;

    @Activate
    public AdviseCommand(@Reference Steps steps, @Reference Advisor advisor) {
        this.steps = steps;
        this.advisor = advisor;
    }

    @Example("sim:advise 0000:01:00.0")
    @Example("sim:advise --kernels 6.1 0000:03:00.0")
    @Descriptor("the knob matrix for a device: idle states of it and its bridges, idle power, resume latency and risks "
            + "for each combination of disable_idle_d3, d3cold_allowed, power/control, pcie_port_pm and kernel")
    public String advise(
            @Descriptor("comma-separated kernel versions to try (default: every modelled one)")
            @Parameter(names = {"-k", "--kernels"}, absentValue = "") String kernels,
            @Descriptor("the function, DDDD:BB:DD.F") Bdf bdf) {
        Machine live = steps.machine();
        PciDevice d = live.pci().get(bdf);
        List<KernelVersion> ks = new ArrayList<>();
        if (kernels.isBlank()) {
            ks.addAll(KernelVersion.MODELLED);
        } else {
            for (String k : kernels.split(",")) {
                if (!k.isBlank()) {
                    try {
                        ks.add(KernelVersion.parse(k));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--kernels: " + e.getMessage());
                    }
                }
            }
            if (ks.isEmpty()) {
                throw new UsageException("--kernels: no kernel version given");
            }
        }
        Advice a = advisor.advise(live, d.bdf(), ks);
        List<String> header = new ArrayList<>(List.of(""));
        for (Knob k : Knob.values()) {
            header.add(k.label().toUpperCase().replace(' ', '_').replace("POWER/", ""));
        }
        header.addAll(List.of("STATES", "IDLE_W", "RESUME", "NOTES"));
        Table t = new Table(header.toArray(new String[0]));
        for (AdviceRow r : a.rows()) {
            List<Object> row = new ArrayList<>();
            row.add(r.current() ? "=>" : "");
            for (Knob k : Knob.values()) {
                row.add(values(k, r.knobs().get(k), a.domains().get(k)));
            }
            row.add(states(r));
            row.add(String.format("%.3f", r.idleWatts()));
            row.add(String.format("%.3f s", r.resumeNs() / 1e9));
            row.add(r.risks().isEmpty() ? "" : String.join("; ", r.risks()));
            t.row(row.toArray());
        }
        String bridges = a.bridges().isEmpty() ? "none (root bus)" : String.join("/", a.bridges().stream().map(Bdf::toString).toList());
        return d.bdf() + " " + org.pmlab.hw.api.PciClassNames.of(d.spec().classCode()) + ", bridges " + bridges + (a.port() == null ? ""
                : "; port = " + a.port()) + "; firmware " + live.firmware().activeName() + "\n"
                + "each combination booted fresh, bound to vfio-pci, left idle; * = any value; => = the current setting;"
                + " RESUME = the first open\n" + t
                + (a.rows().stream().anyMatch(AdviceRow::current) ? ""
                        : "\n(the current setting is not in the matrix: kernel " + live.kernel() + " was not tried)");
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
