package org.pmlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PortType;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.FleetGenerator;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.vfio.internal.VfioPciModule;

/**
 * The fleet-class hosts the scale benchmarks use: the generator's default shape (root ports above two levels of
 * 4-port switches, each slot with 8 GPUs and one SR-IOV NIC PF), booted as the lab boots its live machine
 * (ACPI firmware with D3cold, vfio-pci loaded), outside OSGi and with nobody listening to events.
 */
final class Fleet {

    static final String VFIO = "vfio-pci";
    private static final AtomicLong IDS = new AtomicLong();

    private Fleet() {
    }

    static FleetShape shape(int functions) {
        return FleetShape.withFunctions("fleet", functions, 2, 4, 8, 1, 32);
    }

    static Topology topology(int functions) {
        return new FleetGenerator().generate(shape(functions));
    }

    static SimMachine boot(Topology topology) {
        BootSpec spec = new BootSpec(topology, KernelVersion.NEWEST, PciePortPm.DEFAULT, "acpi-sim");
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, new AcpiSimFirmware(), EventSink.NONE, List.of());
        m.loadDriver(new VfioPciModule().create(m));
        return m;
    }

    static List<Bdf> endpoints(Topology topology) {
        List<Bdf> out = new ArrayList<>();
        for (DeviceSpec d : topology.devices()) {
            if (d.portType() == PortType.ENDPOINT) {
                out.add(d.bdf());
            }
        }
        return out;
    }

    /** The usual vfio recipe for each: driver_override, then bind; nothing settles in between. */
    static void bindAll(SimMachine m, List<Bdf> endpoints) {
        PciBus bus = m.pci();
        for (Bdf bdf : endpoints) {
            if (bus.setDriverOverride(bdf, VFIO) != 0 || bus.bind(bdf, VFIO) != 0) {
                throw new IllegalStateException("binding " + bdf + " to vfio-pci failed");
            }
        }
    }

    /** Every function suspended, as a fully bound host settles. */
    static void checkAllSuspended(SimMachine m) {
        for (PciDevice d : m.pci().devices()) {
            if (d.spec().portType() != PortType.HOST_BRIDGE && !d.pm().info().runtimeStatus().equals("suspended")) {
                throw new IllegalStateException(d.bdf() + " did not suspend: " + d.pm().info().runtimeStatus());
            }
        }
    }
}
