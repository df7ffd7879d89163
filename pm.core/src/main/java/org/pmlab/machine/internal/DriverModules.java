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

    boolean has(PciDriverProvider p) {
        return providers.contains(p);
    }

    /** With {@code p} added; unchanged if it is there already (SCR may report a service twice). */
    DriverModules with(PciDriverProvider p) {
        if (has(p)) {
            return this;
        }
        List<PciDriverProvider> next = new ArrayList<>(providers);
        next.add(p);
        return new DriverModules(next);
    }

    DriverModules without(PciDriverProvider p) {
        List<PciDriverProvider> next = new ArrayList<>(providers);
        next.remove(p);
        return new DriverModules(next);
    }

    /** {@code modprobe} of every module into a machine. */
    void loadInto(SimMachine m) {
        for (PciDriverProvider p : providers) {
            load(p, m);
        }
    }

    /**
     * {@code modprobe} of one module: like the kernel's module loader, loading a module whose
     * name is loaded already does nothing.
     */
    static void load(PciDriverProvider p, SimMachine m) {
        if (!m.pci().drivers().contains(p.driverName())) {
            m.loadDriver(p.create(m));
        }
    }
}
