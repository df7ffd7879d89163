package org.pmlab.scenario.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.Topology;
import org.pmlab.vfio.internal.VfioPciModule;

/** A lab without a framework: both firmware models and vfio-pci, as the launcher registers them. */
final class TestLab implements Lab {
    private static final AtomicLong IDS = new AtomicLong(1000);

    final VfioPciModule vfio = new VfioPciModule();
    /** Machines booted after the live one. */
    int boots;
    private final Machine live;

    TestLab(Topology t, KernelVersion k, String firmware) {
        this.live = boot(new BootSpec(t, k, PciePortPm.DEFAULT, firmware));
        boots = 0;
    }

    private static PlatformFirmware fw(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "acpi-sim" -> new AcpiSimFirmware();
            case "nod3cold" -> new NoD3coldFirmware();
            default -> throw new IllegalArgumentException("no firmware named '" + name + "'");
        };
    }

    @Override
    public Machine live() {
        return live;
    }

    @Override
    public Machine boot(BootSpec spec) {
        boots++;
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw(spec.firmware()), EventSink.NONE, List.of());
        m.loadDriver(vfio.create(m));
        m.clock().settle();
        return m;
    }

    @Override
    public List<String> firmwareNames() {
        return List.of("acpi-sim", "nod3cold");
    }

    @Override
    public String firmwareDescription(String name) {
        return name;
    }

    @Override
    public java.util.Optional<org.pmlab.machine.api.LabProgress> progress() {
        return java.util.Optional.empty();
    }

    @Override
    public boolean await(Predicate<Machine> condition, Duration timeout) {
        return condition.test(live);
    }
}
