package org.pmlab.pci.internal;

import java.util.List;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.testsupport.TestPciDriver;
import org.pmlab.topology.api.Topology;

/** A booted machine with the runtime-PM test driver loaded, and short accessors for assertions. */
final class PciFixture {
    final SimMachine m;
    /** Every device's counts right after boot, for {@link Ledger}. */
    final java.util.Map<String, Counts> baseline = new java.util.HashMap<>();

    /** A device's usage count, active children and runtime status. */
    record Counts(int usage, int kids, String status) {
        @Override
        public String toString() {
            return "u=" + usage + " k=" + kids + " " + status;
        }
    }

    PciFixture(Topology t) {
        this(t, PciePortPm.DEFAULT, null);
    }

    PciFixture(Topology t, PciePortPm portPm, PlatformFirmware fw) {
        m = SimMachine.boot(1, new BootSpec(t, KernelVersion.NEWEST, portPm, fw == null ? null : fw.name()), fw,
                EventSink.NONE, List.of());
        m.loadDriver(new TestPciDriver(m.runtimePm()));
        m.clock().settle();
        for (org.pmlab.pm.api.PmDevice d : m.pmDevices().all()) {
            PmInfo i = d.info();
            baseline.put(d.name(), new Counts(i.usageCount(), i.activeKids(), i.runtimeStatus()));
        }
    }

    /** Binds the test driver the usual way (override, then bind) and lets time run. */
    PciFixture bindTestDriver(Bdf bdf) {
        if (m.pci().setDriverOverride(bdf, TestPciDriver.NAME) != 0 || m.pci().bind(bdf, TestPciDriver.NAME) != 0) {
            throw new AssertionError("binding " + bdf + " failed");
        }
        m.clock().settle();
        return this;
    }

    PciDevice dev(Bdf bdf) {
        return m.pci().get(bdf);
    }

    PowerState state(Bdf bdf) {
        return dev(bdf).currentState();
    }

    PmInfo pm(Bdf bdf) {
        return dev(bdf).pm().info();
    }

    void settle() {
        m.clock().settle();
    }
}
