package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.TraceRecord;

/**
 * Scenarios G1-G6: writing {@code power/control} of a vfio device or its port, which is
 * {@code pm_runtime_forbid} ("on") and {@code pm_runtime_allow} ("auto") (docs/scenarios.md, G).
 */
class PowerControlTest {

    private static Rig idleAcpi() {
        return Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
    }

    @Test
    void g1OnResumesPortThenDeviceSynchronously() {
        Rig r = idleAcpi();
        r.m.trace().enable(true);
        r.m.runtimePm().forbid(r.dev(EP).pm());
        assertThat(r.dev(EP).currentState()).as("synchronous").isEqualTo(PowerState.D0);
        List<TraceRecord> d0 = r.m.trace().records().stream()
                .filter(t -> t.event().equals("pci_power_state") && t.text().endsWith("-> D0")).toList();
        assertThat(d0).extracting(TraceRecord::device).startsWith(RP.toString(), EP.toString());
        assertThat(r.pm(EP).control()).isEqualTo("on");
        assertThat(r.pm(EP).runtimeEnabled()).isEqualTo("forbidden");
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void g2OnTwiceIsANoOp() {
        Rig r = idleAcpi();
        RuntimePm rpm = r.m.runtimePm();
        rpm.forbid(r.dev(EP).pm());
        rpm.forbid(r.dev(EP).pm());
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void g3AutoLetsItSuspendAgainAndThePortFollowsAfterItsDelay() {
        Rig r = idleAcpi();
        RuntimePm rpm = r.m.runtimePm();
        rpm.forbid(r.dev(EP).pm());
        r.settle();
        rpm.allow(r.dev(EP).pm());
        r.m.clock().advance(java.time.Duration.ofMillis(50));
        assertThat(r.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(r.pm(RP).runtimeStatus()).as("autosuspend delay of 100 ms").isEqualTo("active");
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    /** The parsing half of G4 ("xyz" is -EINVAL) belongs to the sysfs backend; here: "auto" again changes nothing. */
    @Test
    void g4AutoWhenAlreadyAutoChangesNothing() {
        Rig r = idleAcpi();
        r.m.runtimePm().allow(r.dev(EP).pm());
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void g5PortForcedOnDeviceStillSuspendsD3hotWithoutFirmware() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        r.m.runtimePm().forbid(r.dev(RP).pm());
        r.settle();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 1, 0, "active").check();
    }

    @Test
    void g5PortForcedOnDeviceReadsD3coldWhilePortKeepsThePowerOn() {
        Rig r = idleAcpi();
        r.m.runtimePm().forbid(r.dev(RP).pm());
        r.settle();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(Firmwares.resource(r.m, "PSLT").on()).isTrue();
        assertThat(Firmwares.resource(r.m, "PSLT").users()).containsExactly(RP.toString());
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 1, 0, "active").check();
    }

    @Test
    void g6OnWhileOpenAddsAReferenceThatOutlivesTheClose() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.m.runtimePm().forbid(r.dev(EP).pm());
        r.settle();
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }
}
