package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.pci.internal.TestTopologies.EP;
import static org.pmlab.pci.internal.TestTopologies.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.testsupport.TestPciDriver;

/** The PCI layer against the two firmware models: scenarios A4 (with a runtime PM driver), G5, H6, H7, I7, and the live swap. */
class FirmwareScenariosTest {

    private static PciFixture acpi() {
        return new PciFixture(TestTopologies.rootPortWithGpuAcpi(), PciePortPm.DEFAULT, new AcpiSimFirmware());
    }

    private static PowerResourceView pslt(PciFixture f) {
        return f.m.firmware().ops().orElseThrow().powerResources().stream().filter(r -> r.name().equals("PSLT"))
                .findFirst().orElseThrow();
    }

    @Test
    void a4DeviceAndRootPortReachD3coldAndTheSharedResourceGoesOffOnceWhenTheLastUserLeaves() {
        PciFixture f = acpi();
        f.m.clock().settle();
        int offBefore = pslt(f).offCount();
        f.m.pci().setDriverOverride(EP, TestPciDriver.NAME);
        f.m.pci().bind(EP, TestPciDriver.NAME);

        // run until the endpoint has suspended, but not the 100 ms of the port's autosuspend delay
        f.m.clock().advance(java.time.Duration.ofMillis(50));
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(pslt(f).on()).isTrue();
        assertThat(pslt(f).refCount()).isEqualTo(1);
        assertThat(pslt(f).users()).containsExactly(RP.toString());

        f.settle();
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.state(RP)).isEqualTo(PowerState.D3COLD);
        assertThat(pslt(f).refCount()).isZero();
        assertThat(pslt(f).on()).isFalse();
        assertThat(pslt(f).offCount() - offBefore).isEqualTo(1);
    }

    @Test
    void resumingTheDeviceTurnsTheSlotBackOnPortFirst() {
        PciFixture f = acpi().bindTestDriver(EP);
        int onBefore = pslt(f).onCount();
        assertThat(f.m.runtimePm().getSync(f.dev(EP).pm())).isZero();
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.state(EP)).isEqualTo(PowerState.D0);
        assertThat(pslt(f).refCount()).isEqualTo(2);
        assertThat(pslt(f).onCount() - onBefore).isEqualTo(1);
        assertThat(f.pm(RP).activeKids()).isEqualTo(1);
    }

    @Test
    void g5PortForcedOnKeepsTheSlotPoweredWhileTheDeviceReadsD3cold() {
        PciFixture f = acpi();
        f.m.runtimePm().forbid(f.dev(RP).pm());
        f.bindTestDriver(EP);
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(pslt(f).on()).isTrue();
        assertThat(pslt(f).users()).containsExactly(RP.toString());
    }

    @Test
    void h6D3coldAllowedZeroCapsTheDeviceAtD3hotAndKeepsThePortActive() {
        PciFixture f = acpi().bindTestDriver(EP);
        assertThat(f.m.pci().setD3coldAllowed(EP, false)).isZero();
        f.settle();
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(f.pm(RP).usageCount()).isZero();
    }

    @Test
    void h7D3coldDisableCapsTheDeviceAndBlocksThePort() {
        PciFixture f = acpi().bindTestDriver(EP);
        f.m.runtimePm().resume(f.dev(EP).pm());
        f.m.pciCore().d3coldDisable(f.dev(EP));
        f.settle();
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
    }

    @Test
    void i7AFailingOffIsAbsorbedThePortReadsD3coldAndTheResourceStaysOnWithoutAHolder() {
        PciFixture f = acpi();
        f.m.faults().add(new Fault("PSLT", "_OFF", Errno.EIO.negative(), true));
        f.bindTestDriver(EP);
        assertThat(f.state(RP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.pm(RP).runtimeError()).isZero();
        assertThat(pslt(f).on()).isTrue();
        assertThat(pslt(f).refCount()).isEqualTo(1);
        assertThat(pslt(f).users()).isEmpty();
    }

    @Test
    void aFailingPs3LeavesTheDeviceInD3hotUntilThePortCutsTheHierarchy() {
        PciFixture f = acpi();
        f.m.faults().add(new Fault(EP.toString(), "_PS3", Errno.EIO.negative(), false));
        f.m.pci().setDriverOverride(EP, TestPciDriver.NAME);
        f.m.pci().bind(EP, TestPciDriver.NAME);
        f.m.clock().advance(java.time.Duration.ofMillis(50));
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.pm(EP).runtimeError()).isZero();
        // the port then goes to D3cold, and powering off a bridge powers off its hierarchy
        f.settle();
        assertThat(f.state(RP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void swappingFirmwareLiveMovesAnIdleDeviceBetweenD3coldAndD3hotWithoutChangingUsageCounts() {
        PciFixture f = acpi().bindTestDriver(EP);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
        List<Integer> usage = f.m.pci().devices().stream().map(d -> d.pm().info().usageCount()).toList();

        f.m.firmware().swap(new NoD3coldFirmware());
        f.settle();
        assertThat(f.m.firmware().activeName()).isEqualTo("nod3cold");
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.state(RP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.m.pci().devices().stream().map(d -> d.pm().info().usageCount()).toList()).isEqualTo(usage);

        f.m.firmware().swap(new AcpiSimFirmware());
        f.settle();
        assertThat(f.state(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.state(RP)).isEqualTo(PowerState.D3COLD);
        assertThat(f.m.pci().devices().stream().map(d -> d.pm().info().usageCount()).toList()).isEqualTo(usage);

        f.m.firmware().swap(null);
        f.settle();
        assertThat(f.m.firmware().activeName()).isEqualTo("native");
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void theDefaultHostsHotplugPortIsBlessedByAcpiButNotWithoutIt() {
        var topo = new org.pmlab.topology.internal.JsonTopologyCodec().defaultTopology();
        var hp = org.pmlab.hw.api.Bdf.parse("0000:00:1c.0");
        PciFixture withAcpi = new PciFixture(topo, PciePortPm.DEFAULT, new AcpiSimFirmware());
        assertThat(withAcpi.pm(hp).control()).isEqualTo("auto");
        PciFixture without = new PciFixture(topo, PciePortPm.DEFAULT, new NoD3coldFirmware());
        assertThat(without.pm(hp).control()).isEqualTo("on");
        assertThat(without.pm(hp).usageCount()).isEqualTo(2);
    }

    @Test
    void aUserConfigReadResumesADeviceInD3coldButNotOneInD3hot() {
        PciFixture cold = acpi().bindTestDriver(EP);
        assertThat(cold.state(EP)).isEqualTo(PowerState.D3COLD);
        var regs = cold.m.pci().readConfig(EP);
        assertThat(regs.pmcsr()).isNotEqualTo(0xffff); // read with the device powered
        assertThat(cold.state(EP)).isEqualTo(PowerState.D0);
        cold.settle();
        assertThat(cold.state(EP)).isEqualTo(PowerState.D3COLD); // and it goes back down

        PciFixture hot = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        assertThat(hot.state(EP)).isEqualTo(PowerState.D3HOT);
        hot.m.pci().readConfig(EP);
        assertThat(hot.state(EP)).isEqualTo(PowerState.D3HOT); // a D3hot function still answers config cycles
        assertThat(hot.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(hot.pm(RP).runtimeStatus()).isEqualTo("active"); // but the port above is kept awake
        hot.settle();
        assertThat(hot.pm(RP).runtimeStatus()).isEqualTo("suspended");
    }
}
