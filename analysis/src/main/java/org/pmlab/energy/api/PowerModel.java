package org.pmlab.energy.api;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.Residency;

/**
 * The power model: each function's figures, most specific first — a Config Admin override for
 * its BDF, then for its vendor:device, then the topology's {@code power} object, then a Config
 * Admin override for its class, then the class default.
 */
@ProviderType
public interface PowerModel {
    /** Factory PID of the overrides; each configuration has {@value #MATCH} and any of the figure properties. */
    String PID = "org.pmlab.power";

    /** Override property: a BDF ({@code 0000:01:00.0}), a vendor:device ({@code 10de:1eb8}) or a class name. */
    String MATCH = "match";

    /**
     * A match as an override reads it: a BDF, a vendor:device (lower-case hex) or a class name.
     *
     * @throws IllegalArgumentException naming the three forms
     */
    String match(String text);

    /** The class names, in the order they are documented. */
    List<String> classes();

    /** The class a function's defaults come from. */
    String classOf(PciDevice dev);

    /** A class's figures as configured now (its defaults with any class-wide override). */
    DevicePower forClass(String powerClass);

    /** A function's figures as configured now. */
    DevicePower of(PciDevice dev);

    /**
     * Energy of the named functions over ({@code fromNs}, now] (0: since boot), from the
     * machine's own residency ledger priced with the figures as configured now.
     *
     * @throws IllegalArgumentException for an unknown BDF or a window the ledger cannot answer
     */
    default EnergyReport measure(Machine m, long fromNs, List<Bdf> bdfs) {
        List<Residency> rs = m.pci().residency(bdfs, fromNs);
        List<DeviceEnergy> out = new ArrayList<>(rs.size());
        for (Residency r : rs) {
            out.add(new DeviceEnergy(r, of(m.pci().get(r.bdf()))));
        }
        long to = rs.isEmpty() ? m.clock().nanoTime() : rs.get(0).toNs();
        return new EnergyReport(fromNs, to, out);
    }
}
