package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP1;
import static org.pmlab.vfio.internal.Topologies.EP2;
import static org.pmlab.vfio.internal.Topologies.EP3;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/** Scenarios F1-F5: the module parameter {@code disable_idle_d3=1} (docs/scenarios.md, F). */
class DisableIdleD3Test {

    private static Rig boot(KernelVersion k) {
        return Rig.boot(Topologies.rpEp(), k, null, true).bound(EP);
    }

    @Test
    void f1BindKeepsTheProbeReferenceSoNothingSuspends() {
        Rig r = boot(KernelVersion.V6_1);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.pm(EP).control()).isEqualTo("auto");
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.info(EP).disableIdleD3()).isTrue();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void f1LegacyLeavesThePowerStateAloneAndNeverWritesD3hot() {
        Rig r = boot(KernelVersion.V5_18);
        // never enabled since boot: the kernel has not refreshed current_state yet
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.UNKNOWN);
        int fd = r.open(EP);
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void theParameterTakesEffectOnTheNextBind() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        r.module.setDisableIdleD3(true);
        assertThat(r.info(EP).disableIdleD3()).as("a bound device keeps its value").isFalse();
        r.ledger().expect(EP, 0, 0, "suspended").check();
        assertThat(r.m.pci().unbind(EP)).isZero();
        assertThat(r.bind(EP)).isZero();
        r.settle();
        assertThat(r.info(EP).disableIdleD3()).isTrue();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    /**
     * vfio-pci hands disable_idle_d3 to vfio-pci-core when it loads, so the members of a dev_set
     * never differ: a parameter change while a device is bound waits for the module's next load
     * (the next bind with nothing bound). Was: the second member took the new value, the legacy
     * reset then applied the closing member's value to both, and 03:00.0 was left unbound in D3hot.
     */
    @Test
    void everyMemberOfADevSetSeesTheValueTheModuleLoadedWith() {
        org.pmlab.hw.api.Bdf gpu = org.pmlab.hw.api.Bdf.parse("0000:03:00.0");
        org.pmlab.hw.api.Bdf audio = org.pmlab.hw.api.Bdf.parse("0000:03:00.1");
        Rig r = Rig.boot(new org.pmlab.topology.internal.JsonTopologyCodec().defaultTopology(), KernelVersion.V5_18);
        r.bound(audio);
        r.module.setDisableIdleD3(true);
        r.bound(gpu);
        assertThat(r.info(gpu).disableIdleD3()).as("the module loaded with N").isFalse();
        assertThat(r.info(audio).disableIdleD3()).isFalse();

        r.m.faults().add(new org.pmlab.sim.api.Fault(audio.toString(), "reset_function", -5, false));
        int fd = r.open(audio);
        r.m.faults().clear();
        r.user.close(fd);
        assertThat(r.m.pci().unbind(gpu)).isZero();
        r.settle();
        assertThat(r.dev(gpu).currentState()).as("vfio_pci_remove puts it back in D0").isEqualTo(PowerState.D0);

        assertThat(r.m.pci().unbind(audio)).isZero();
        r.bound(gpu);
        assertThat(r.info(gpu).disableIdleD3()).as("with nothing bound, the next load takes the new value").isTrue();
    }

    @Test
    void f2OpenAndCloseTakeNothing() {
        Rig r = boot(KernelVersion.V6_1);
        int fd = r.open(EP);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void f3TryResetStillTakesBalancedReferencesIn61AndResets() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1, null, true).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        r.m.trace().enable(true);
        r.user.close(fd);
        assertThat(r.user.devices()).noneMatch(i -> i.needsReset());
        for (var b : new org.pmlab.hw.api.Bdf[] {EP1, EP2, EP3}) {
            assertThat(r.m.trace().records()).as("set-get of " + b)
                    .anyMatch(t -> t.event().equals("rpm_resume") && t.device().equals(b.toString()) && t.text().contains("cnt-2"));
        }
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 1, 0, "active").expect(EP3, 1, 0, "active")
                .expect(RP, 0, 3, "active").check();
    }

    @Test
    void f3TryResetTakesNoReferencesIn60() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_0, null, true).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        r.m.trace().enable(true);
        r.user.close(fd);
        assertThat(r.user.devices()).noneMatch(i -> i.needsReset());
        assertThat(r.m.trace().records()).noneMatch(t -> t.event().equals("rpm_resume"));
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 1, 0, "active").expect(EP3, 1, 0, "active")
                .expect(RP, 0, 3, "active").check();
    }

    @Test
    void f4LowPowerEntryDropsTheBindReferenceAndExitRestoresIt() {
        Rig r = boot(KernelVersion.V6_1);
        int fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.info(EP).pmRuntimeEngaged()).isTrue();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void f4WithD3coldFirmwareAndCloseWhileEngaged() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), true).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void f5UnbindOnlyForbids() {
        Rig r = boot(KernelVersion.V6_1);
        assertThat(r.m.pci().unbind(EP)).isZero();
        r.settle();
        assertThat(r.pm(EP).control()).isEqualTo("on");
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }
}
