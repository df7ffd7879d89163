package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.PowerState;

/** Scenario A4 and G5: the slot resource PSLT shared by the Root Port and its endpoint. */
class SharedPowerResourceTest {
    private Bench bench;

    @BeforeEach
    void attachFwA() {
        bench = Bench.fwA().attach();
    }

    @Test
    void atAttachBothDevicesAreD0AndEachHoldsAReference() {
        assertThat(bench.acpiState(RP)).isEqualTo("D0");
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
        // the first reference evaluates _ON even though firmware left PSLT on (acpi_bus_init_power)
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP, EP), 1, 0));
    }

    @Test
    void endpointInD3coldLeavesTheSlotOnUntilTheRootPortDropsItsReference() {
        assertThat(bench.suspendToD3cold(EP)).isZero();

        // EP already reads D3cold while PSLT is still on, held by RP alone
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(bench.acpiState(EP)).isEqualTo("D3cold");
        PowerResourceView between = bench.resource("PSLT");
        assertThat(between.on()).isTrue();
        assertThat(between.refCount()).isEqualTo(1);
        assertThat(between.users()).containsExactly(RP);
        assertThat(between.offCount()).isZero();

        assertThat(bench.suspendToD3cold(RP)).isZero();

        PowerResourceView after = bench.resource("PSLT");
        assertThat(after.on()).isFalse();
        assertThat(after.refCount()).isZero();
        assertThat(after.users()).isEmpty();
        assertThat(after.offCount()).as("_OFF evaluated exactly once").isEqualTo(1);
        assertThat(bench.getState(RP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void a4TraceShowsPs3BeforeTheResourceAndOffOnlyForTheLastReference() {
        bench.machine.trace.clear();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        assertThat(bench.machine.trace.acpiTexts()).containsExactly(
                EP + " _PS3 (ok)",
                "PSLT put ref=1 (still in use)",
                EP + " D0 -> D3cold",
                RP + " _PS3 (ok)",
                "PSLT _OFF ref=0 (ok)",
                RP + " D0 -> D3cold");
    }

    @Test
    void rootPortForcedOnKeepsTheSlotPoweredWhileTheEndpointReadsD3cold() {
        // G5: RP control=on stays D0, EP still suspends and drops its reference
        bench.suspendToD3cold(EP);
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(bench.resource("PSLT").on()).isTrue();
        assertThat(bench.resource("PSLT").offCount()).isZero();
    }

    @Test
    void resumingTurnsTheSlotBackOnBeforePs0AndEachDeviceTakesItsReference() {
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        bench.machine.trace.clear();

        assertThat(bench.resume(RP)).isZero();
        assertThat(bench.resume(EP)).isZero();

        assertThat(bench.machine.trace.acpiTexts()).containsExactly(
                "PSLT _ON ref=1 (ok)",
                RP + " D3cold -> D0",
                RP + " _PS0 (ok)",
                "PSLT get ref=2 (already on)",
                EP + " D3cold -> D0",
                EP + " _PS0 (ok)");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP, EP), 2, 1));
        assertThat(bench.acpiState(RP)).isEqualTo("D0");
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
    }

    @Test
    void aDroppedReferenceCannotUnderflow() {
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        // asking again for the state it is in changes nothing
        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();
        assertThat(bench.resource("PSLT").refCount()).isZero();
        assertThat(bench.resource("PSLT").offCount()).isEqualTo(1);
    }
}
