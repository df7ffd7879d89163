package org.pmlab.energy.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pmlab.energy.api.DevicePower;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.topology.api.PowerSpec;

/** The power model: class defaults, the topology's figures and the Config Admin overrides, most specific first. */
@Component(service = PowerModel.class)
public final class PowerModelComponent implements PowerModel {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<PowerOverride> overrides = List.of();

    @Override
    public String match(String text) {
        return PowerOverride.normalize(text);
    }

    @Override
    public List<String> classes() {
        return PowerClasses.names();
    }

    @Override
    public String classOf(PciDevice dev) {
        return PowerClasses.of(dev);
    }

    @Override
    public DevicePower forClass(String powerClass) {
        if (!PowerClasses.exists(powerClass)) {
            throw new IllegalArgumentException("no power class '" + powerClass + "'; known: " + String.join(", ", classes()));
        }
        return resolve(powerClass, List.of(), null, byLevel(null, powerClass, PowerOverride.Level.CLASS));
    }

    @Override
    public DevicePower of(PciDevice dev) {
        String cls = PowerClasses.of(dev);
        List<PowerOverride> specific = new ArrayList<>(byLevel(dev, cls, PowerOverride.Level.BDF));
        specific.addAll(byLevel(dev, cls, PowerOverride.Level.ID));
        return resolve(cls, specific, dev.spec().power(), byLevel(dev, cls, PowerOverride.Level.CLASS));
    }

    private List<PowerOverride> byLevel(PciDevice dev, String cls, PowerOverride.Level level) {
        List<PowerOverride> out = new ArrayList<>();
        for (PowerOverride o : overrides) {
            if (o.level() == level && (dev == null ? o.match().equals(cls) : o.selects(dev, cls))) {
                out.add(o);
            }
        }
        return out;
    }

    private static DevicePower resolve(String cls, List<PowerOverride> specific, PowerSpec topology,
            List<PowerOverride> classWide) {
        Map<PhysicalState, Double> defaults = PowerClasses.defaults(cls);
        Map<PhysicalState, Double> watts = new EnumMap<>(PhysicalState.class);
        Map<PhysicalState, String> sources = new EnumMap<>(PhysicalState.class);
        for (PhysicalState s : PhysicalState.values()) {
            Double w = null;
            String from = null;
            for (PowerOverride o : specific) {
                if (w == null && o.watts(s) != null) {
                    w = o.watts(s);
                    from = "config " + o.match();
                }
            }
            if (w == null && topology != null && topology.watts(s) != null) {
                w = topology.watts(s);
                from = "topology";
            }
            for (PowerOverride o : classWide) {
                if (w == null && o.watts(s) != null) {
                    w = o.watts(s);
                    from = "config " + o.match();
                }
            }
            if (w == null) {
                w = defaults.get(s);
                from = "class " + cls;
            }
            watts.put(s, w);
            sources.put(s, from);
        }
        return new DevicePower(cls, watts, sources);
    }
}
