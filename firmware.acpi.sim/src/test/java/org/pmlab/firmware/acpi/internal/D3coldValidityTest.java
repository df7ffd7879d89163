package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;

/** {@code acpi_bus_get_power_flags}: D3cold exists only with a non-empty _PR0 and _PR3. */
class D3coldValidityTest {

    /** FW-B with _PS0/_PS3 only. */
    private static Bench psOnly() {
        return new Bench()
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().ps3())
                .endpoint(EP, RP, Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0().ps3())
                .attach();
    }

    @Test
    void withoutPr3AD3coldRequestSucceedsButRecordsD3hot() {
        Bench bench = psOnly();
        assertThat(bench.pm.powerManageable(bench.dev(EP))).isTrue();

        assertThat(bench.setState(EP, PowerState.D3COLD)).isZero();

        assertThat(bench.acpiState(EP)).isEqualTo("D3hot");
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(bench.machine.trace.acpiTexts()).contains(EP + " _PS3 (ok)", EP + " D0 -> D3hot");
    }

    @Test
    void withPr3TheSameRequestRecordsD3cold() {
        Bench bench = Bench.fwA().attach();
        assertThat(bench.setState(EP, PowerState.D3COLD)).isZero();
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void pr0WithoutPr3GivesD3hotThatStillDropsThePr0References() {
        // the D3hot list (_PR3) is empty, so entering D3hot releases everything _PR0 took
        Bench bench = new Bench().resource("PXP", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().ps3().pr0("PXP"))
                .attach();
        assertThat(bench.resource("PXP").refCount()).isEqualTo(1);

        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();

        assertThat(bench.acpiState(RP)).isEqualTo("D3hot");
        assertThat(bench.resource("PXP").on()).isFalse();
        assertThat(bench.resource("PXP").offCount()).isEqualTo(1);
    }

    @Test
    void pr3WithoutPr0IsIgnoredAndGivesNoD3cold() {
        Bench bench = new Bench().resource("PXP", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().ps3().pr3("PXP"))
                .attach();
        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();
        assertThat(bench.acpiState(RP)).isEqualTo("D3hot");
        assertThat(bench.resource("PXP").refCount()).isZero();
        assertThat(bench.resource("PXP").onCount()).isZero();
    }

    @Test
    void d3hotHoldsThePr3ReferencesAndD3coldFromThereSkipsPs3() {
        Bench bench = Bench.fwA().attach();
        assertThat(bench.setState(EP, PowerState.D3HOT)).isZero();
        assertThat(bench.acpiState(EP)).isEqualTo("D3hot");
        // _PR3 taken before _PR0 is dropped: EP still holds one reference
        assertThat(bench.resource("PSLT").refCount()).isEqualTo(2);
        assertThat(bench.resource("PSLT").users()).containsExactly(RP, EP);

        bench.machine.trace.clear();
        assertThat(bench.setState(EP, PowerState.D3COLD)).isZero();

        assertThat(bench.machine.trace.acpiTexts()).containsExactly(
                "PSLT put ref=1 (still in use)", EP + " D3hot -> D3cold");
        assertThat(bench.resource("PSLT").users()).containsExactly(RP);
    }

    @Test
    void aDeeperStateCannotGoToAShallowerNonD0State() {
        Bench bench = Bench.fwA().attach();
        bench.setState(EP, PowerState.D3COLD);
        assertThat(bench.setState(EP, PowerState.D3HOT)).isEqualTo(-19);
        assertThat(bench.acpiState(EP)).isEqualTo("D3cold");
    }

    @Test
    void d1AndD2AreNotValidWithoutPs1OrPr1() {
        Bench bench = Bench.fwA().attach();
        assertThat(bench.setState(EP, PowerState.D1)).isEqualTo(-19);
        assertThat(bench.setState(EP, PowerState.D2)).isEqualTo(-19);
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
    }
}
