package org.pmlab.shell.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.LabProgress;
import org.pmlab.machine.api.Machine;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.FleetGenerator;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.vfio.internal.VfioPciModule;

/** A lab whose live machine is a small generated fleet host with ACPI firmware and vfio-pci, booted without OSGi. */
final class FleetLab implements Lab {

    final SimMachine machine;

    FleetLab(FleetShape shape) {
        Topology t = new FleetGenerator().generate(shape);
        machine = SimMachine.boot(1, new BootSpec(t, KernelVersion.NEWEST, PciePortPm.DEFAULT, "acpi-sim"),
                new AcpiSimFirmware(), EventSink.NONE, List.of());
        machine.loadDriver(new VfioPciModule().create(machine));
        machine.clock().settle();
    }

    @Override
    public Machine live() {
        return machine;
    }

    @Override
    public Machine boot(BootSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> firmwareNames() {
        return List.of("acpi-sim");
    }

    @Override
    public String firmwareDescription(String name) {
        return name;
    }

    @Override
    public Optional<LabProgress> progress() {
        return Optional.empty();
    }

    @Override
    public boolean await(Predicate<Machine> condition, Duration timeout) {
        return condition.test(machine);
    }
}
