package org.pmlab.web.timeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.internal.JsonTopologyCodec;
import org.pmlab.vfio.internal.VfioPciModule;

/** The default host on ACPI with vfio-pci loaded, for tests that need a real machine. */
public final class Hosts {
    private Hosts() {
    }

    private static final AtomicLong IDS = new AtomicLong(5000);

    public static final Bdf EP = Bdf.parse("0000:01:00.0");
    public static final Bdf RP = Bdf.parse("0000:00:01.0");

    public static SimMachine acpi() {
        AcpiSimFirmware fw = new AcpiSimFirmware();
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), new BootSpec(new JsonTopologyCodec().defaultTopology(),
                KernelVersion.NEWEST, PciePortPm.DEFAULT, fw.name()), fw, EventSink.NONE, List.of());
        m.loadDriver(new VfioPciModule().create(m));
        m.clock().settle();
        return m;
    }

    /** The usual vfio recipe: driver_override, then bind; then time runs until idle. */
    public static void bindVfio(SimMachine m, Bdf bdf) {
        m.pci().setDriverOverride(bdf, "vfio-pci");
        if (m.pci().get(bdf).driver().isPresent()) {
            m.pci().unbind(bdf);
        }
        int rc = m.pci().bind(bdf, "vfio-pci");
        if (rc < 0) {
            throw new IllegalStateException("bind failed: " + rc);
        }
        m.clock().settle();
    }
}
