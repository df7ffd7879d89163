package org.pmlab.scenario.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.scenario.api.Phase;
import org.pmlab.topology.api.Topology;
import org.pmlab.vfio.api.VfioService;
import org.pmlab.vfio.api.VfioUser;

/** One fresh machine a scenario or an advisor row runs on, with the steps they share. */
final class Fresh {
    static final String VFIO = "vfio-pci";

    final Machine m;
    final VfioUser user;
    final Bdf device;
    final List<Bdf> bridges;

    Fresh(Machine m, VfioService vfio, Bdf device) {
        this.m = m;
        this.device = device;
        this.bridges = bridgesAbove(m.pci().get(device));
        if (!m.pci().drivers().contains(VFIO)) {
            throw new IllegalStateException("vfio-pci is not loaded on the booted machines");
        }
        this.user = vfio.user(m);
    }

    static List<Bdf> bridgesAbove(PciDevice d) {
        List<Bdf> out = new ArrayList<>();
        for (PciDevice b = d.upstreamBridge().orElse(null); b != null; b = b.upstreamBridge().orElse(null)) {
            out.add(b.bdf());
        }
        return out;
    }

    /** The usual recipe: driver_override, unbind another driver, bind. 0 or the failing step's errno. */
    int bind() {
        PciBus bus = m.pci();
        PciDevice d = bus.get(device);
        if (d.driver().filter(VFIO::equals).isPresent()) {
            return 0;
        }
        int r = bus.setDriverOverride(device, VFIO);
        if (r == 0 && d.driver().isPresent()) {
            r = bus.unbind(device);
        }
        if (r == 0) {
            r = bus.bind(device, VFIO);
        }
        return r;
    }

    Phase phase(String name) {
        List<PowerState> b = new ArrayList<>();
        for (Bdf x : bridges) {
            b.add(m.pci().get(x).currentState());
        }
        return new Phase(name, m.pci().get(device).currentState(), b);
    }

    List<Bdf> measured() {
        List<Bdf> all = new ArrayList<>();
        all.add(device);
        all.addAll(bridges);
        return all;
    }

    /** Runs until idle; returns how long after {@code since} the last work ran (the last state change). */
    long settleSince(long since) {
        m.clock().settle();
        return m.clock().nanoTime() - since;
    }

    static String errno(int r) {
        return Errno.describe(r);
    }

    /** The first endpoint with a PM capability: the device a comparison uses by default. */
    static Bdf defaultDevice(Topology t, boolean sriov) {
        return t.devices().stream()
                .filter(d -> !d.isBridge() && d.portType() != org.pmlab.hw.api.PortType.HOST_BRIDGE && d.pm() != null
                        && (!sriov || d.sriov() != null))
                .map(org.pmlab.topology.api.DeviceSpec::bdf).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(sriov ? "the topology has no SR-IOV PF for the sriov scenario"
                        : "the topology has no endpoint with a PM capability to compare"));
    }
}
