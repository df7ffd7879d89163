package org.pmlab.machine.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.pci.api.PciDriverProvider;

/** The PCI driver modules registered on the whiteboard, in registration order. Immutable. */
record DriverModules(List<PciDriverProvider> providers) {

    static final DriverModules NONE = new DriverModules(List.of());

    DriverModules {
        providers = List.copyOf(providers);
    }

    DriverModules with(PciDriverProvider p) {
        List<PciDriverProvider> next = new ArrayList<>(providers);
        next.add(p);
        return new DriverModules(next);
    }

    DriverModules without(PciDriverProvider p) {
        List<PciDriverProvider> next = new ArrayList<>(providers);
        next.remove(p);
        return new DriverModules(next);
    }

    /** {@code modprobe} of every module into a machine that has none of them yet. */
    void loadInto(SimMachine m) {
        for (PciDriverProvider p : providers) {
            m.loadDriver(p.create(m));
        }
    }
}
