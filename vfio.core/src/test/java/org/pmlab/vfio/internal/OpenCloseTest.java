package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.topology.api.Topology;

/** Scenarios B1-B4: opening and closing an idle device (docs/scenarios.md, B). */
class OpenCloseTest {

    private static List<TraceRecord> powerChanges(Rig r) {
        return r.m.trace().records().stream().filter(t -> t.event().equals("pci_power_state")).toList();
    }

    @Test
    void b3OpenResumesPortFirstThenDeviceWithItsConfiguration() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        r.m.trace().enable(true);
        int fd = r.user.open(EP);
        assertThat(fd).isEqualTo(3);
        List<TraceRecord> changes = powerChanges(r);
        assertThat(changes).extracting(TraceRecord::text).startsWith(
                RP + " D3hot -> D0", EP + " D3hot -> D0");
        assertThat(changes.get(1).timeNs() - changes.get(0).timeNs()).isGreaterThanOrEqualTo(10_000_000L);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).enableCount()).isEqualTo(1);
        ConfigRegisters cfg = r.dev(EP).config();
        assertThat(cfg.bars().get(0)).isNotZero();
        assertThat(cfg.command() & ConfigRegisters.COMMAND_MEMORY).isNotZero();
        assertThat(r.info(EP).resetWorks()).isTrue();
        assertThat(r.info(EP).openCount()).isEqualTo(1);
        r.settle();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void b3CloseDropsTheOpenReferenceAndBothGoBackToD3hot() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.settle();
        assertThat(r.user.close(fd)).isZero();
        assertThat(r.dev(EP).currentState()).as("still D0 right after close").isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).enableCount()).isZero();
        assertThat(r.info(EP).needsReset()).as("the function reset at close worked").isFalse();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.user.close(fd)).isEqualTo(-9);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void b2NeedsResetStaysOnlyWhenNeitherFunctionNorBusResetWorks() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.m.faults().add(new Fault(EP.toString(), "reset_function", -5, true));
        r.user.close(fd);
        assertThat(r.info(EP).needsReset()).as("the bus reset of its dev_set cleared it").isFalse();

        fd = r.open(EP);
        r.m.faults().add(new Fault(EP.toString(), "reset_function", -5, true));
        r.m.faults().add(new Fault(EP.toString(), "bus_reset", -5, true));
        r.user.close(fd);
        assertThat(r.info(EP).needsReset()).isTrue();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void secondOpenOnlyCountsAndOnlyTheLastCloseDisables() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int a = r.open(EP);
        int b = r.open(EP);
        assertThat(b).isEqualTo(4);
        assertThat(r.user.fds(EP)).containsExactly(a, b);
        assertThat(r.info(EP).openCount()).isEqualTo(2);
        r.user.close(a);
        r.settle();
        assertThat(r.dev(EP).enableCount()).isEqualTo(1);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(b);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void b4IoctlOnAnOpenDeviceTakesATransientReferenceFrom61() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.getInfo(fd)).isZero();
        List<String> ep = r.m.trace().records().stream().filter(t -> t.device().equals(EP.toString()))
                .filter(t -> t.event().startsWith("rpm_") && !t.event().equals("rpm_return_int"))
                .map(t -> t.event() + " " + t.text()).toList();
        assertThat(ep).hasSize(2);
        assertThat(ep.get(0)).startsWith("rpm_resume").contains("cnt-2");
        assertThat(ep.get(1)).startsWith("rpm_usage").contains("cnt-1");
        assertThat(powerChanges(r)).isEmpty();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void b4IoctlIsNotWrappedBefore61() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_0).bound(EP);
        int fd = r.open(EP);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.getInfo(fd)).isZero();
        assertThat(r.m.trace().records()).noneMatch(t -> t.device().equals(EP.toString()) && t.event().startsWith("rpm_"));
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void legacyOpenWritesD0AndCloseWritesD3hotWithoutRuntimePm() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        int fd = r.open(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void runtimePm519OpenAndCloseBalance() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_19).bound(EP);
        int fd = r.open(EP);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void openOfADeviceNotBoundToVfioIsEnodev() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1);
        assertThat(r.user.open(EP)).isEqualTo(-19);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").check();
    }

    @Test
    void b1OpenFromD3coldPowersResourceOnceAndResumesPortFirst() {
        Topology t = Topologies.rpEpAcpi();
        Rig r = Rig.boot(t, KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        int onBefore = Firmwares.resource(r.m, "PSLT").onCount();
        r.m.trace().enable(true);
        assertThat(r.user.open(EP)).isEqualTo(3);
        assertThat(Firmwares.resource(r.m, "PSLT").onCount()).isEqualTo(onBefore + 1);
        assertThat(Firmwares.resource(r.m, "PSLT").refCount()).isEqualTo(2);
        assertThat(powerChanges(r)).extracting(TraceRecord::device).startsWith(RP.toString());
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).enableCount()).isEqualTo(1);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void b2CloseReturnsDeviceAndPortToD3cold() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        int fd = r.open(EP);
        r.settle();
        r.user.close(fd);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.info(EP).needsReset()).isFalse();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }
}
