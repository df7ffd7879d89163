package org.pmlab.energy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmlab.energy.api.DeviceEnergy;
import org.pmlab.energy.api.DevicePower;
import org.pmlab.energy.api.EnergyReport;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PowerSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.JsonTopologyCodec;
import org.pmlab.vfio.internal.VfioPciModule;

/** The power model's precedence, and energy priced from the ledger against hand-computed timelines. */
class PowerModelTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Bdf PORT = Bdf.parse("0000:00:01.0");
    private static final Bdf NVME = Bdf.parse("0000:06:00.0");

    private static SimMachine boot(Topology t, KernelVersion k, boolean acpi) {
        SimMachine m = SimMachine.boot(1, new BootSpec(t, k, PciePortPm.DEFAULT, acpi ? "acpi-sim" : null),
                acpi ? new AcpiSimFirmware() : null, EventSink.NONE, List.of());
        m.loadDriver(new VfioPciModule().create(m));
        m.clock().settle();
        return m;
    }

    private static void bindVfio(SimMachine m, Bdf bdf) {
        assertThat(m.pci().setDriverOverride(bdf, "vfio-pci")).isZero();
        assertThat(m.pci().bind(bdf, "vfio-pci")).isZero();
    }

    private static PowerOverride override(Map<String, Object> props) {
        return new PowerOverride(props);
    }

    @Test
    void classesFollowPortTypeAndClassCode() {
        SimMachine m = boot(new JsonTopologyCodec().defaultTopology(), KernelVersion.NEWEST, false);
        PowerModelComponent model = new PowerModelComponent();
        assertThat(model.classOf(m.pci().get(GPU))).isEqualTo("gpu");
        assertThat(model.classOf(m.pci().get(PORT))).isEqualTo("root-port");
        assertThat(model.classOf(m.pci().get(Bdf.parse("0000:02:00.0")))).isEqualTo("nic");
        assertThat(model.classOf(m.pci().get(Bdf.parse("0000:03:00.1")))).isEqualTo("audio");
        assertThat(model.classOf(m.pci().get(Bdf.parse("0000:04:00.0")))).isEqualTo("switch-port");
        assertThat(model.classOf(m.pci().get(NVME))).isEqualTo("nvme");
        assertThat(model.classOf(m.pci().get(Bdf.parse("0000:00:00.0")))).isEqualTo("other");
    }

    @Test
    void theMostSpecificFigureWinsStateByState() {
        Topology t = new JsonTopologyCodec().defaultTopology();
        List<DeviceSpec> devs = t.devices().stream().map(d -> !d.bdf().equals(GPU) ? d
                : new DeviceSpec(d.bdf(), d.parent(), d.classCode(), d.vendor(), d.device(), d.portType(), d.pm(), d.sriov(),
                        d.hotplug(), d.slot(), d.flr(), d.wakeup(), d.acpi(), d.driver(), d.label(),
                        new PowerSpec(null, 12.0, null, null, 4.0, null))).toList();
        SimMachine m = boot(new Topology(t.name(), t.platform(), t.powerResources(), devs), KernelVersion.NEWEST, false);
        PowerModelComponent model = new PowerModelComponent();
        model.overrides = List.of(
                override(Map.of("match", "gpu", "d0Idle", 20.0, "d3cold", 0.5, "d3hot", 6)),
                override(Map.of("match", "10DE:1EB8", "d3hot", "3.5")),
                override(Map.of("match", "0000:01:00.0", "d0Active", 80.0)));
        DevicePower p = model.of(m.pci().get(GPU));
        assertThat(p.watts(PhysicalState.D0_ACTIVE)).isEqualTo(80.0);
        assertThat(p.source(PhysicalState.D0_ACTIVE)).isEqualTo("config 0000:01:00.0");
        assertThat(p.watts(PhysicalState.D3HOT)).isEqualTo(3.5);
        assertThat(p.source(PhysicalState.D3HOT)).isEqualTo("config 10de:1eb8");
        assertThat(p.watts(PhysicalState.D0_IDLE)).isEqualTo(12.0);
        assertThat(p.source(PhysicalState.D0_IDLE)).isEqualTo("topology");
        assertThat(p.watts(PhysicalState.D3COLD)).isEqualTo(0.5);
        assertThat(p.source(PhysicalState.D3COLD)).isEqualTo("config gpu");
        assertThat(p.watts(PhysicalState.D1)).isEqualTo(5.0);
        assertThat(p.source(PhysicalState.D1)).isEqualTo("class gpu");
        // the other GPU has no figures of its own: the class-wide override and the defaults
        DevicePower other = model.of(m.pci().get(Bdf.parse("0000:03:00.0")));
        assertThat(other.watts(PhysicalState.D3HOT)).isEqualTo(6.0);
        assertThat(other.watts(PhysicalState.D0_ACTIVE)).isEqualTo(70.0);
    }

    @Test
    void malformedOverridesDoNotActivate() {
        assertThatThrownBy(() -> override(Map.of("match", "gpuu"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad match 'gpuu': expected a BDF such as 0000:01:00.0, a vendor:device");
        assertThatThrownBy(() -> override(Map.of("match", "gpu", "d3hot", -1)))
                .hasMessage("bad d3hot -1: expected a number of watts, 0 or more");
        assertThatThrownBy(() -> override(Map.of("match", "gpu", "d3hot", "lots")))
                .hasMessage("bad d3hot 'lots': expected a number of watts");
        assertThatThrownBy(() -> override(Map.of())).hasMessageContaining("needs a match");
    }

    /**
     * 6.18 on ACPI: the GPU suspends at once (D3hot after its 10 ms delay, then D3cold), the port
     * 100 ms after it was last busy; 5.18: vfio-pci writes D3hot itself and the port stays in D0.
     */
    @Test
    void energyOfAnUnusedVfioGpuAndItsPortAgainstTheHandComputedTimeline() {
        PowerModelComponent model = new PowerModelComponent();
        Topology t = new JsonTopologyCodec().defaultTopology();

        SimMachine newer = boot(t, KernelVersion.NEWEST, true);
        long t0 = newer.clock().nanoTime();
        bindVfio(newer, GPU);
        newer.clock().advance(Duration.ofSeconds(10));
        EnergyReport r = model.measure(newer, t0, List.of(GPU, PORT));
        DeviceEnergy gpu = r.devices().get(0);
        DeviceEnergy port = r.devices().get(1);
        assertThat(r.toNs() - r.fromNs()).isEqualTo(10_000_000_000L);
        assertThat(gpu.residency().now()).isEqualTo(PhysicalState.D3COLD);
        assertThat(port.residency().now()).isEqualTo(PhysicalState.D3COLD);
        // the port: 100 ms autosuspend and its own 10 ms d3hot_delay at D0 power (1 W), then nothing
        assertThat(port.residency().nanos(PhysicalState.D0_ACTIVE)).isEqualTo(110_000_000L);
        assertThat(port.joules()).isCloseTo(0.110, within(1e-9));

        SimMachine legacy = boot(t, KernelVersion.V5_18, true);
        long l0 = legacy.clock().nanoTime();
        bindVfio(legacy, GPU);
        legacy.clock().advance(Duration.ofSeconds(10));
        EnergyReport lr = model.measure(legacy, l0, List.of(GPU, PORT));
        DeviceEnergy lgpu = lr.devices().get(0);
        DeviceEnergy lport = lr.devices().get(1);
        // vfio-pci (5.18) writes D3hot at bind: 10 ms in the delay at D0 power, then 10 s; the port stays in D0
        assertThat(lr.toNs() - lr.fromNs()).isEqualTo(10_010_000_000L);
        assertThat(lgpu.residency().nanos(PhysicalState.D0_IDLE)).isEqualTo(10_000_000L);
        assertThat(lgpu.residency().nanos(PhysicalState.D3HOT)).isEqualTo(10_000_000_000L);
        assertThat(lgpu.joules()).isCloseTo(0.010 * 15.0 + 10.0 * 5.0, within(1e-9));
        assertThat(lport.residency().now()).isEqualTo(PhysicalState.D0_ACTIVE);
        assertThat(lport.residency().nanos(PhysicalState.D0_ACTIVE)).isEqualTo(10_010_000_000L);
        assertThat(lport.joules()).isCloseTo(10.010 * 1.0, within(1e-9));
        assertThat(lport.joules()).isGreaterThan(port.joules() * 50);
    }
}
