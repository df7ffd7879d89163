package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/** Scenarios A1-A4: the seed's table of an unused device and its root port (docs/scenarios.md, A). */
class SeedScenariosTest {

    @Test
    void a1LegacyUnusedDeviceIsD3hotByPmcsrAndPortStaysD0() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.pm(EP).runtimeEnabled()).isEqualTo("forbidden");
        assertThat(r.pm(EP).control()).isEqualTo("on");
        assertThat(r.drv.pm()).isNull();
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.19", "6.0", "6.1", "6.18"})
    void a3RuntimePmUnusedDeviceAndPortReachD3hotWithoutFirmware(String kernel) {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.parse(kernel)).bound(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.pm(EP).runtimeEnabled()).isEqualTo("enabled");
        assertThat(r.pm(EP).control()).isEqualTo("auto");
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void a3WithTheNod3coldFirmwareToo() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1, Firmwares.nod3cold(), false).bound(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void a3PortSuspendsOnlyAfterItsAutosuspendDelay() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1);
        r.bind(EP);
        long bound = r.m.clock().nanoTime();
        r.settle();
        // RP's last_busy was refreshed when it resumed for the probe; it waits 100 ms from then
        assertThat(r.m.clock().nanoTime() - bound).isGreaterThanOrEqualTo(100_000_000L - 20_000_000L);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void a2LegacyWithD3coldFirmwareStillD3hotAndPortD0() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V5_18, Firmwares.acpiSim(), false).bound(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void a4RuntimePmWithD3coldFirmwareTakesDeviceAndPortToD3cold() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false);
        r.bind(EP);
        r.m.clock().advance(Duration.ofMillis(50));
        // EP has suspended, RP waits for its autosuspend delay and still holds PSLT
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(Firmwares.resource(r.m, "PSLT").on()).isTrue();
        assertThat(Firmwares.resource(r.m, "PSLT").refCount()).isEqualTo(1);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        PowerResourceView pslt = Firmwares.resource(r.m, "PSLT");
        assertThat(pslt.refCount()).isZero();
        assertThat(pslt.offCount()).isEqualTo(1);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }
}
