package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;

/** acpi_pci_choose_state / acpi_pm_device_sleep_state for runtime suspend (S0). */
class ChooseStateTest {

    private static Bench withEndpoint(Acpi ep) {
        return new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, ep)
                .attach();
    }

    @Test
    void withPr3TheDeepestStateIsD3cold() {
        assertThat(Bench.fwA().attach().choose(EP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void d3coldAllowedFalseCapsAtD3hot() {
        Bench bench = Bench.fwA().attach();
        bench.dev(EP).d3coldAllowed = false;
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void noD3coldCapsAtD3hot() {
        Bench bench = Bench.fwA().attach();
        bench.dev(EP).noD3cold = true;
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void withoutACompanionTheChoiceIsAnError() {
        Bench bench = new Bench().rootPort(RP, HotplugKind.NONE, null).endpoint(EP, RP, null).attach();
        assertThat(bench.choose(EP)).isEqualTo(PowerState.ERROR);
    }

    /**
     * The kernel walks to a valid state only when the platform's limit is deeper than the
     * caller's; with no _S0W both are D3cold, so an invalid D3cold is returned as is. The state
     * the device then gets is D3hot all the same, because acpi_device_set_power records D3hot.
     */
    @Test
    void withoutPr3D3coldIsChosenButD3hotIsWhatTheDeviceGets() {
        Bench bench = withEndpoint(Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0().ps3());
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3COLD);

        assertThat(bench.setState(EP, bench.choose(EP))).isZero();
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void withoutPr3AndD3coldNotAllowedTheWalkGivesD3hot() {
        Bench bench = withEndpoint(Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0().ps3());
        bench.dev(EP).d3coldAllowed = false;
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3HOT);
    }

    @ParameterizedTest(name = "_S0W={0} with _PRW -> {1}")
    @CsvSource({
        "0, D0",
        // D1 and D2 are not valid for this device: the kernel falls back to D3cold
        "1, D3cold",
        "2, D3cold",
        "3, D3hot",
        "4, D3cold",
    })
    void s0wLimitsAWakeCapableDevice(int s0w, String expected) {
        Bench bench = withEndpoint(Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").prw().s0w(s0w));
        assertThat(bench.choose(EP)).isEqualTo(PowerState.parse(expected));
    }

    @Test
    void s0wIsNotEvaluatedWithoutPrw() {
        Bench bench = withEndpoint(Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").s0w(3));
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void s0wD3coldStillObeysD3coldAllowed() {
        Bench bench = withEndpoint(Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").prw().s0w(4));
        bench.dev(EP).d3coldAllowed = false;
        assertThat(bench.choose(EP)).isEqualTo(PowerState.D3HOT);
    }
}
