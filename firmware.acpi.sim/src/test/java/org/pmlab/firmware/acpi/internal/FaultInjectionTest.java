package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.FaultPoint;

/** Scenario I7 and the _ON/_OFF/_PS0/_PS3 fault points. */
class FaultInjectionTest {
    private static final int EIO = Errno.EIO.negative();
    private static final int ENODEV = Errno.ENODEV.negative();

    @Test
    void failingOffWhenTheRootPortDropsTheLastReferenceIsNotReported() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.fault("PSLT", "_OFF", EIO, false);

        assertThat(bench.suspendToD3cold(RP)).isZero();

        assertThat(bench.getState(RP)).isEqualTo(PowerState.D3COLD);
        assertThat(bench.acpiState(RP)).isEqualTo("D3cold");
        // restored to 1 with no holder, and physically on
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 1, List.of(), 1, 1));
        assertThat(bench.machine.trace.texts(FirmwareEvents.POWER_RESOURCE))
                .contains("PSLT _OFF ref=1 (failed -ENODEV, injected -EIO)");
    }

    @Test
    void afterAnAbsorbedOffFailureTheLeakedReferenceKeepsTheSlotOnForever() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.fault("PSLT", "_OFF", EIO, false);
        bench.suspendToD3cold(RP);

        // a later resume takes it to 2 without _ON
        assertThat(bench.resume(RP)).isZero();
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP), 1, 1));

        // and the next suspend only gets back to 1: _OFF is not even tried
        assertThat(bench.suspendToD3cold(RP)).isZero();
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 1, List.of(), 1, 1));
    }

    @Test
    void failingOnMakesSetStateFailAndLeavesTheDeviceStateUnknown() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        bench.fault("PSLT", "_ON", EIO, true);

        assertThat(bench.setState(RP, PowerState.D0)).isEqualTo(ENODEV);

        assertThat(bench.getState(RP)).isEqualTo(PowerState.UNKNOWN);
        assertThat(bench.acpiState(RP)).isEqualTo("(unknown)");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", false, 0, List.of(), 2, 1));
    }

    @Test
    void anUnknownStateRefusesEveryTransitionUntilRefreshStateReReadsIt() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        bench.fault("PSLT", "_ON", EIO, true);
        bench.setState(RP, PowerState.D0);

        // acpi_power_transition: current state unknown -> -ENODEV, _ON not tried again
        assertThat(bench.setState(RP, PowerState.D0)).isEqualTo(ENODEV);
        assertThat(bench.resource("PSLT").onCount()).isEqualTo(2);

        bench.pm.refreshState(bench.dev(RP));
        assertThat(bench.acpiState(RP)).as("PSLT is off, so D3cold is inferred").isEqualTo("D3cold");
        assertThat(bench.setState(RP, PowerState.D0)).isZero();
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 1, List.of(RP), 3, 1));
    }

    @Test
    void failingPs3MakesSetStateFailWithNothingSwitchedOff() {
        Bench bench = Bench.fwA().attach();
        bench.fault(EP, "_PS3", EIO, true);

        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(ENODEV);

        assertThat(bench.getState(EP)).isEqualTo(PowerState.D0);
        assertThat(bench.resource("PSLT").refCount()).isEqualTo(2);
        assertThat(bench.resource("PSLT").users()).containsExactly(RP, EP);
    }

    @Test
    void failingPs0AfterTheResourcesAreOnReturnsTheErrorButTheStateIsAlreadyD0() {
        // acpi_power_transition records D0 before _PS0 runs
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        bench.fault(RP, "_PS0", EIO, true);

        assertThat(bench.setState(RP, PowerState.D0)).isEqualTo(ENODEV);

        assertThat(bench.acpiState(RP)).isEqualTo("D0");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 1, List.of(RP), 2, 1));
    }

    @Test
    void aOnceFaultFailsOnlyTheNextEvaluation() {
        Bench bench = Bench.fwA().attach();
        bench.fault(EP, "_PS3", EIO, true);

        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(ENODEV);
        assertThat(bench.machine.faults.list()).isEmpty();
        assertThat(bench.setState(EP, PowerState.D3COLD)).isZero();
        assertThat(bench.acpiState(EP)).isEqualTo("D3cold");
    }

    @Test
    void anAlwaysFaultFailsEveryEvaluation() {
        Bench bench = Bench.fwA().attach();
        bench.fault(EP, "_PS3", EIO, false);

        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(ENODEV);
        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(ENODEV);
        assertThat(bench.setState(EP, PowerState.D3HOT)).isEqualTo(ENODEV);
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
        assertThat(bench.machine.faults.list()).hasSize(1);
    }

    @Test
    void aFailedOffInTheMiddleOfAListTakesBackTheResourcesAlreadyDroppedWithNoHolder() {
        // acpi_power_off_list drops PB then PA; PA's _OFF fails, so PB is referenced again
        Bench bench = new Bench().resource("PA", true).resource("PB", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().pr0("PA", "PB").pr3("PA", "PB"))
                .attach();
        bench.fault("PA", "_OFF", EIO, true);

        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();

        assertThat(bench.acpiState(RP)).isEqualTo("D3cold");
        assertThat(bench.resource("PA")).isEqualTo(new PowerResourceView("PA", true, 1, List.of(), 1, 1));
        assertThat(bench.resource("PB")).isEqualTo(new PowerResourceView("PB", true, 1, List.of(), 2, 1));
    }

    @Test
    void aFailedOnInTheMiddleOfAListDropsTheResourcesAlreadyTaken() {
        Bench bench = new Bench().resource("PA", true).resource("PB", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().pr0("PA", "PB").pr3("PA", "PB"))
                .attach();
        bench.setState(RP, PowerState.D3COLD);
        bench.fault("PB", "_ON", EIO, true);

        assertThat(bench.setState(RP, PowerState.D0)).isEqualTo(ENODEV);

        assertThat(bench.acpiState(RP)).isEqualTo("(unknown)");
        assertThat(bench.resource("PA")).isEqualTo(new PowerResourceView("PA", false, 0, List.of(), 2, 2));
        assertThat(bench.resource("PB")).isEqualTo(new PowerResourceView("PB", false, 0, List.of(), 2, 1));
    }

    @Test
    void pointsAreDeclaredWithTheirTargetKinds() {
        Bench bench = Bench.fwA().attach();
        assertThat(bench.machine.faults.points()).extracting(FaultPoint::name, FaultPoint::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("_ON", "power-resource"),
                org.assertj.core.groups.Tuple.tuple("_OFF", "power-resource"),
                org.assertj.core.groups.Tuple.tuple("_PS0", "device"),
                org.assertj.core.groups.Tuple.tuple("_PS3", "device"));
    }

    @Test
    void onlyExistingResourcesAndDevicesWithTheMethodAreValidTargets() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0())
                .attach();
        bench.fault("PSLT", "_ON", EIO, true);
        bench.fault(EP, "_PS0", EIO, true);
        assertThatThrownBy(() -> bench.fault("NOPE", "_OFF", EIO, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bench.fault(EP, "_PS3", EIO, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bench.fault("PSLT", "_PS0", EIO, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detachWithdrawsThePointsAndTheirFaults() {
        Bench bench = Bench.fwA().attach();
        bench.fault("PSLT", "_OFF", EIO, false);

        bench.pm.detach();

        assertThat(bench.machine.faults.points()).isEmpty();
        assertThat(bench.machine.faults.list()).isEmpty();
    }

    @Test
    void aSwapThatAttachesTheNewInstanceFirstKeepsThePoints() {
        Bench bench = Bench.fwA().attach();
        var second = bench.firmware.attach(bench.machine);

        bench.pm.detach();
        assertThat(bench.machine.faults.points()).hasSize(4);

        second.detach();
        second.detach();
        assertThat(bench.machine.faults.points()).isEmpty();
    }
}
