package org.pmlab.energy.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.topology.api.PowerSpec;

/**
 * One Config Admin override of the power model (factory PID {@value PowerModel#PID}): the
 * functions its {@code match} selects, and the figures it gives. Figures it leaves out keep the
 * model's value. A configuration that does not parse does not activate, so it changes nothing.
 */
@Component(service = PowerOverride.class, configurationPid = PowerModel.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PowerOverride.Config.class, factory = true)
public final class PowerOverride {

    @ObjectClassDefinition(name = "pmlab power figures",
            description = "Watts in each physical state for the PCI functions a match selects; a figure left out keeps the power model's value")
    @interface Config {
        @AttributeDefinition(name = "match",
                description = "a BDF (0000:01:00.0), a vendor:device (10de:1eb8) or a class (gpu, nic, nvme, audio, root-port, switch-port, other)")
        String match();

        @AttributeDefinition(name = "d0Active", required = false, description = "watts in D0 while enabled (in use)")
        double d0Active();

        @AttributeDefinition(name = "d0Idle", required = false, description = "watts in D0 while not enabled")
        double d0Idle();

        @AttributeDefinition(name = "d1", required = false, description = "watts in D1")
        double d1();

        @AttributeDefinition(name = "d2", required = false, description = "watts in D2")
        double d2();

        @AttributeDefinition(name = "d3hot", required = false, description = "watts in D3hot (and in D3cold while main power is still on)")
        double d3hot();

        @AttributeDefinition(name = "d3cold", required = false, description = "watts without main power")
        double d3cold();
    }

    /** How specific a match is: the more specific wins. */
    enum Level { BDF, ID, CLASS }

    private static final Pattern ID = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{4}");

    private final String match;
    private final Level level;
    private final Map<PhysicalState, Double> watts = new EnumMap<>(PhysicalState.class);

    @Activate
    public PowerOverride(Map<String, Object> properties) {
        Object m = properties.get(PowerModel.MATCH);
        if (m == null || m.toString().isBlank()) {
            throw new IllegalArgumentException("a power override needs a match: a BDF, a vendor:device or a class");
        }
        this.match = normalize(m.toString());
        this.level = levelOf(match);
        for (PhysicalState s : PhysicalState.values()) {
            Object v = properties.get(PowerSpec.field(s));
            if (v != null) {
                watts.put(s, watts(PowerSpec.field(s), v));
            }
        }
    }

    /** The canonical form of a match; throws naming the three forms. */
    static String normalize(String raw) {
        String text = raw.trim().toLowerCase();
        return levelOf(text) == Level.BDF ? Bdf.parse(text).toString() : text;
    }

    static Level levelOf(String text) {
        if (ID.matcher(text).matches()) {
            return Level.ID;
        }
        if (PowerClasses.exists(text)) {
            return Level.CLASS;
        }
        try {
            Bdf.parse(text);
            return Level.BDF;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad match '" + text + "': expected a BDF such as 0000:01:00.0, a vendor:device"
                    + " such as 10de:1eb8, or one of the classes " + String.join(", ", PowerClasses.names()));
        }
    }

    static double watts(String name, Object v) {
        double w;
        if (v instanceof Number n) {
            w = n.doubleValue();
        } else {
            try {
                w = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad " + name + " '" + v + "': expected a number of watts");
            }
        }
        if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("bad " + name + " " + v + ": expected a number of watts, 0 or more");
        }
        return w;
    }

    Level level() {
        return level;
    }

    String match() {
        return match;
    }

    /** Whether this override selects the function (at its own level). */
    boolean selects(PciDevice dev, String powerClass) {
        return switch (level) {
            case BDF -> dev.bdf().toString().equals(match);
            case ID -> String.format("%04x:%04x", dev.spec().vendor(), dev.spec().device()).equals(match);
            case CLASS -> powerClass.equals(match);
        };
    }

    Double watts(PhysicalState s) {
        return watts.get(s);
    }
}
