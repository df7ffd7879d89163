package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.energy.api.DeviceEnergy;
import org.pmlab.energy.api.DevicePower;
import org.pmlab.energy.api.EnergyReport;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.Residency;
import org.pmlab.topology.api.PowerSpec;

/**
 * {@code sim:energy} and {@code sim:power}: the energy the live machine's functions used over
 * virtual time, from the PCI layer's own residency ledger, and the power model that prices it
 * (its Config Admin overrides written here as factory configurations of {@value PowerModel#PID}).
 */
@Component(service = EnergyCommands.class, property = {"osgi.command.scope=sim", "osgi.command.function=energy",
    "osgi.command.function=power"})
public final class EnergyCommands {

    private static final Duration APPLY_WAIT = Duration.ofSeconds(10);

    private final Steps steps;
    private final PowerModel model;
    private final ConfigurationAdmin cm;

    @Activate
    public EnergyCommands(@Reference Steps steps, @Reference PowerModel model, @Reference ConfigurationAdmin cm) {
        this.steps = steps;
        this.model = model;
        this.cm = cm;
    }

    @Example("pci:bind 0000:01:00.0 vfio-pci; sim:advance 10s; sim:energy 0000:01:00.0 0000:00:01.0")
    @Example("sim:energy --since 5s")
    @Descriptor("energy per function over virtual time: time in each power state, transitions, joules and average watts")
    public String energy(
            @Descriptor("start of the window, a time such as 5s (default: boot)") @Parameter(names = "--since",
                    absentValue = "") String since,
            @Descriptor("the functions, DDDD:BB:DD.F (default: every function the power model gives a figure)")
            Bdf... bdfs) {
        Machine m = steps.machine();
        long from;
        try {
            from = since.isBlank() ? 0 : DurationText.parse(since).toNanos();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--since: " + e.getMessage());
        }
        if (from > m.clock().nanoTime()) {
            throw new IllegalArgumentException("--since " + since + " is after now (" + DurationText.seconds(m.clock().nanoTime()) + ")");
        }
        List<Bdf> which = new ArrayList<>();
        if (bdfs == null || bdfs.length == 0) {
            for (PciDevice d : m.pci().devices()) {
                if (!model.of(d).isZero()) {
                    which.add(d.bdf());
                }
            }
        } else {
            Set<Bdf> seen = new LinkedHashSet<>();
            for (Bdf b : bdfs) {
                seen.add(m.pci().get(b).bdf());
            }
            which.addAll(seen);
        }
        EnergyReport r = model.measure(m, from, which);
        boolean d1d2 = r.devices().stream().anyMatch(d -> d.residency().nanos(PhysicalState.D1) > 0
                || d.residency().nanos(PhysicalState.D2) > 0);
        List<PhysicalState> states = new ArrayList<>();
        for (PhysicalState s : PhysicalState.values()) {
            if (d1d2 || (s != PhysicalState.D1 && s != PhysicalState.D2)) {
                states.add(s);
            }
        }
        List<String> header = new ArrayList<>(List.of("BDF", "CLASS"));
        for (PhysicalState s : states) {
            header.add(s.label().toUpperCase());
        }
        header.addAll(List.of("TRANS", "ENERGY_J", "AVG_W"));
        Table t = new Table(header.toArray(new String[0]));
        for (DeviceEnergy d : r.devices()) {
            Residency res = d.residency();
            List<Object> row = new ArrayList<>(List.of(res.bdf(), d.power().powerClass()));
            for (PhysicalState s : states) {
                row.add(secs(res.nanos(s)));
            }
            row.add(res.transitions());
            row.add(String.format("%.3f", d.joules()));
            row.add(String.format("%.3f", d.averageWatts()));
            t.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("total", ""));
        for (int i = 0; i < states.size(); i++) {
            total.add("");
        }
        total.add(r.transitions());
        total.add(String.format("%.3f", r.joules()));
        total.add(String.format("%.3f", r.averageWatts()));
        t.row(total.toArray());
        return "energy from " + DurationText.seconds(r.fromNs()) + " to " + DurationText.seconds(r.toNs()) + " ("
                + secs(r.toNs() - r.fromNs()) + ")\n" + t;
    }

    private static String secs(long ns) {
        return String.format("%.3f s", ns / 1e9);
    }

    @Example("sim:power")
    @Descriptor("the power model: each function's watts per state and where each figure comes from")
    public String power() {
        Machine m = steps.machine();
        List<String> header = new ArrayList<>(List.of("BDF", "CLASS"));
        for (PhysicalState s : PhysicalState.values()) {
            header.add(s.label().toUpperCase());
        }
        header.add("FROM");
        Table t = new Table(header.toArray(new String[0]));
        for (PciDevice d : m.pci().devices()) {
            DevicePower p = model.of(d);
            List<Object> row = new ArrayList<>(List.of(d.bdf(), p.powerClass()));
            Set<String> from = new LinkedHashSet<>();
            for (PhysicalState s : PhysicalState.values()) {
                row.add(watts(p.watts(s)));
                from.add(p.source(s));
            }
            row.add(String.join(", ", from));
            t.row(row.toArray());
        }
        return t.toString();
    }

    @Example("sim:power gpu d3hot 4.5")
    @Example("sim:power clear gpu")
    @Descriptor("sim:power MATCH FIGURE WATTS: override one figure through Config Admin (PID org.pmlab.power); "
            + "sim:power clear MATCH removes the override")
    public String power(@Descriptor("a BDF, a vendor:device such as 10de:1eb8, a class such as gpu; or clear") String first,
            @Descriptor("d0Active, d0Idle, d1, d2, d3hot or d3cold; or, after clear, the match") String second,
            @Descriptor("watts") String... rest) {
        if (first.equals("clear")) {
            if (rest != null && rest.length > 0) {
                throw new UsageException("usage: sim:power clear MATCH");
            }
            String match = model.match(second);
            Configuration c = find(match);
            if (c == null) {
                throw new IllegalArgumentException("no power override for " + match);
            }
            delete(c);
            return "removed the power override for " + match;
        }
        if (rest == null || rest.length != 1) {
            throw new UsageException("usage: sim:power MATCH FIGURE WATTS, e.g. sim:power gpu d3hot 4.5");
        }
        String match = model.match(first);
        PhysicalState state = figure(second);
        double w;
        try {
            w = Double.parseDouble(rest[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad watts '" + rest[0] + "': expected a number such as 4.5");
        }
        if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("bad watts " + rest[0] + ": expected 0 or more");
        }
        Configuration c = find(match);
        Dictionary<String, Object> props = c == null ? null : c.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (props != null) {
            for (var e = props.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                next.put(k, props.get(k));
            }
        }
        next.put(PowerModel.MATCH, match);
        next.put(PowerSpec.field(state), w);
        try {
            if (c == null) {
                c = cm.getFactoryConfiguration(PowerModel.PID, match.replace(':', '_'), "?");
            }
            c.update(next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitApplied(match, state, w);
        return match + " " + PowerSpec.field(state) + " = " + watts(w) + " W";
    }

    private static PhysicalState figure(String name) {
        for (PhysicalState s : PhysicalState.values()) {
            if (PowerSpec.field(s).equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown figure '" + name + "': expected d0Active, d0Idle, d1, d2, d3hot or d3cold");
    }

    /** The override takes effect when DS has activated its component; wait for the model to show it. */
    private void awaitApplied(String match, PhysicalState s, double w) {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        String source = "config " + match;
        while (System.nanoTime() < deadline) {
            if (applied(match, s, w, source)) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the power override for " + match + " was not applied within "
                + APPLY_WAIT.toSeconds() + " s");
    }

    private boolean applied(String match, PhysicalState s, double w, String source) {
        if (model.classes().contains(match)) {
            DevicePower p = model.forClass(match);
            return p.watts(s) == w && p.source(s).equals(source);
        }
        // a BDF or vendor:device override: applied once some function shows it, or when none matches
        boolean any = false;
        for (PciDevice d : steps.machine().pci().devices()) {
            DevicePower p = model.of(d);
            if (p.source(s).equals(source)) {
                if (p.watts(s) == w) {
                    return true;
                }
                any = true;
            }
        }
        return !any && noneMatches(match);
    }

    private boolean noneMatches(String match) {
        for (PciDevice d : steps.machine().pci().devices()) {
            if (d.bdf().toString().equals(match)
                    || String.format("%04x:%04x", d.spec().vendor(), d.spec().device()).equals(match)) {
                return false;
            }
        }
        return true;
    }

    private Configuration find(String match) {
        try {
            Configuration[] cs = cm.listConfigurations("(&(service.factoryPid=" + PowerModel.PID + ")(" + PowerModel.MATCH
                    + "=" + match + "))");
            return cs == null || cs.length == 0 ? null : cs[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad match '" + match + "'");
        }
    }

    private static void delete(Configuration c) {
        try {
            c.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String watts(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e6 ? String.format("%.1f", w) : String.valueOf(w);
    }
}
