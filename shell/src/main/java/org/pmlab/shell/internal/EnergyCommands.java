package org.pmlab.shell.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** {@code sim:power}'s actions on the overrides. */
    enum PowerAction implements Word {
        SET("set", "override one figure: MATCH FIGURE WATTS"),
        CLEAR("clear", "remove the override of MATCH");

        private final String word;
        private final String description;

        PowerAction(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** A figure of the power model, named as the topology format's {@code power} object names it. */
    enum Figure implements Word {
        D0_ACTIVE(PhysicalState.D0_ACTIVE, "D0 while a driver or vfio user has the function enabled"),
        D0_IDLE(PhysicalState.D0_IDLE, "D0 with nobody holding the function enabled"),
        D1(PhysicalState.D1, "D1"),
        D2(PhysicalState.D2, "D2"),
        D3HOT(PhysicalState.D3HOT, "D3hot, or D3cold while a shared power resource keeps main power"),
        D3COLD(PhysicalState.D3COLD, "D3cold without main power (auxiliary power only)");

        final PhysicalState state;
        private final String description;

        Figure(PhysicalState state, String description) {
            this.state = state;
            this.description = description;
        }

        @Override
        public String word() {
            return PowerSpec.field(state);
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** {@code sim:energy}: the window, a row per function and the total. */
    record Energy(double fromS, double toS, List<FunctionEnergy> functions, Total total) implements Rendered {
        @Override
        public String render() {
            boolean d1d2 = functions.stream().anyMatch(f -> f.seconds().get(PhysicalState.D1.label()) > 0
                    || f.seconds().get(PhysicalState.D2.label()) > 0);
            List<PhysicalState> states = new ArrayList<>();
            for (PhysicalState s : PhysicalState.values()) {
                if (d1d2 || (s != PhysicalState.D1 && s != PhysicalState.D2)) {
                    states.add(s);
                }
            }
            List<String> header = new ArrayList<>(List.of("BDF", "CLASS"));
            for (PhysicalState s : states) {
                header.add(s.label().toUpperCase(Locale.ROOT));
            }
            header.addAll(List.of("TRANS", "ENERGY_J", "AVG_W"));
            Table t = new Table(header.toArray(new String[0]));
            for (FunctionEnergy f : functions) {
                List<Object> row = new ArrayList<>(List.of(f.bdf(), f.powerClass()));
                for (PhysicalState s : states) {
                    row.add(fixed(f.seconds().get(s.label()), 3) + " s");
                }
                row.add(f.transitions());
                row.add(fixed(f.joules(), 3));
                row.add(fixed(f.averageWatts(), 3));
                t.row(row.toArray());
            }
            List<Object> last = new ArrayList<>(List.of("total", ""));
            for (int i = 0; i < states.size(); i++) {
                last.add("");
            }
            last.add(total.transitions());
            last.add(fixed(total.joules(), 3));
            last.add(fixed(total.averageWatts(), 3));
            t.row(last.toArray());
            return "energy from " + fixed(fromS, 6) + " s to " + fixed(toS, 6) + " s (" + fixed(toS - fromS, 3) + " s)\n" + t;
        }
    }

    /**
     * One function over the window.
     *
     * @param now its physical state at the end of the window
     * @param seconds the time in each physical state, by its label ({@code D0-active}, ... {@code D3cold})
     * @param transitions entries into a state within the window
     */
    record FunctionEnergy(Bdf bdf, String powerClass, String now, Map<String, Double> seconds, int transitions,
            double joules, double averageWatts) {
    }

    /** The functions together: their transitions, joules, and joules over the window's length. */
    record Total(int transitions, double joules, double averageWatts) {
    }

    /** One line of {@code sim:power}: a function's watts per state and where the figures come from. */
    record PowerRow(Bdf bdf, @Column("CLASS") String powerClass, @Column("D0-ACTIVE") double d0Active,
            @Column("D0-IDLE") double d0Idle, double d1, double d2, double d3hot, double d3cold, String from) {
    }

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

    @Descriptor("energy per function over virtual time: time in each power state, transitions, joules and average watts")
    @Example("pci:bind 0000:01:00.0 vfio-pci; sim:advance 10s; sim:energy 0000:01:00.0 0000:00:01.0")
    @Example("sim:energy --since 5s")
    @Example("sim:energy --json 0000:01:00.0")
    public Object energy(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false")
            boolean json,
            @Descriptor("start of the window in virtual time, e.g. 5s (default: boot)") @Parameter(names = "--since",
                    absentValue = "0s") Duration since,
            @Descriptor("the functions, DDDD:BB:DD.F (default: every function the power model gives a figure)")
            Bdf... bdfs) {
        Machine m = steps.machine();
        long from = since.toNanos();
        long now = m.clock().nanoTime();
        if (from > now) {
            throw new UsageException("--since: " + DurationText.seconds(from) + " is after now (" + DurationText.seconds(now)
                    + ")");
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
        EnergyReport r;
        try {
            r = model.measure(m, from, which);
        } catch (IllegalArgumentException window) {
            throw new UsageException("--since: " + window.getMessage());
        }
        List<FunctionEnergy> rows = new ArrayList<>();
        for (DeviceEnergy d : r.devices()) {
            Residency res = d.residency();
            Map<String, Double> secs = new LinkedHashMap<>();
            for (PhysicalState s : PhysicalState.values()) {
                secs.put(s.label(), res.nanos(s) / 1e9);
            }
            rows.add(new FunctionEnergy(res.bdf(), d.power().powerClass(), res.now().label(), secs, res.transitions(),
                    d.joules(), d.averageWatts()));
        }
        Energy e = new Energy(r.fromNs() / 1e9, r.toNs() / 1e9, rows,
                new Total(r.transitions(), r.joules(), r.averageWatts()));
        return json ? new Json(e) : e;
    }

    @Descriptor("the power model: each function's watts per state and where each figure comes from; set or clear "
            + "an override (Config Admin, PID org.pmlab.power)")
    @Example("sim:power")
    @Example("sim:power --json")
    public Object power(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<PowerRow> rows = new ArrayList<>();
        for (PciDevice d : steps.machine().pci().devices()) {
            DevicePower p = model.of(d);
            Set<String> from = new LinkedHashSet<>();
            for (PhysicalState s : PhysicalState.values()) {
                from.add(p.source(s));
            }
            rows.add(new PowerRow(d.bdf(), p.powerClass(), p.watts(PhysicalState.D0_ACTIVE), p.watts(PhysicalState.D0_IDLE),
                    p.watts(PhysicalState.D1), p.watts(PhysicalState.D2), p.watts(PhysicalState.D3HOT),
                    p.watts(PhysicalState.D3COLD), String.join(", ", from)));
        }
        Rows<PowerRow> r = Rows.of(PowerRow.class, rows);
        return json ? new Json(r) : r;
    }

    @Descriptor("remove the power override of MATCH")
    @Example("sim:power clear gpu")
    public String power(@Descriptor("clear") PowerAction action,
            @Descriptor("a BDF, a vendor:device such as 10de:1eb8, or a class such as gpu") Args.PowerMatch match) {
        String key = match(match);
        if (action != PowerAction.CLEAR) {
            throw new UsageException("with MATCH alone the action is clear, not " + action.word()
                    + "; usage: sim:power clear MATCH | sim:power set MATCH FIGURE WATTS");
        }
        Configuration c = find(key);
        if (c == null) {
            throw new IllegalArgumentException("no power override for " + key);
        }
        delete(c);
        return "removed the power override for " + key;
    }

    @Descriptor("override one figure of MATCH's power model through Config Admin")
    @Example("sim:power set gpu d3hot 4.5")
    @Example("sim:power set 0000:01:00.0 d0Idle 12")
    public String power(@Descriptor("set") PowerAction action,
            @Descriptor("a BDF, a vendor:device such as 10de:1eb8, or a class such as gpu") Args.PowerMatch match,
            @Descriptor("the figure: d0Active, d0Idle, d1, d2, d3hot or d3cold") Figure figure,
            @Descriptor("watts, 0 or more, e.g. 4.5") Args.Watts watts) {
        String key = match(match);
        if (action != PowerAction.SET) {
            throw new UsageException("with MATCH FIGURE WATTS the action is set, not " + action.word()
                    + "; usage: sim:power set MATCH FIGURE WATTS");
        }
        PhysicalState state = figure.state;
        double w = watts.value();
        Configuration c = find(key);
        Dictionary<String, Object> props = c == null ? null : c.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (props != null) {
            for (var e = props.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                next.put(k, props.get(k));
            }
        }
        next.put(PowerModel.MATCH, key);
        next.put(PowerSpec.field(state), w);
        try {
            if (c == null) {
                c = cm.getFactoryConfiguration(PowerModel.PID, key.replace(':', '_'), "?");
            }
            c.update(next);
        } catch (IOException e) {
            throw new IllegalStateException("Config Admin could not store the override: " + ErrorMessages.io(e));
        }
        awaitApplied(key, state, w);
        return key + " " + PowerSpec.field(state) + " = " + w + " W";
    }

    /** The match as the power model reads it; a bad one names the argument. */
    private String match(Args.PowerMatch match) {
        try {
            return model.match(match.text());
        } catch (IllegalArgumentException e) {
            throw new UsageException("MATCH: " + e.getMessage());
        }
    }

    /** A number with a fixed count of decimals, whatever the JVM's locale. */
    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

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
            throw new IllegalStateException("Config Admin could not list the overrides: " + ErrorMessages.io(e));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad match '" + match + "'");
        }
    }

    private static void delete(Configuration c) {
        try {
            c.delete();
        } catch (IOException e) {
            throw new IllegalStateException("Config Admin could not delete the override: " + ErrorMessages.io(e));
        }
    }
}
