package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Fault;

/** acpi_bus_init_power at attach, and what the model takes from the PCI layer's state. */
class AttachTest {

    @Test
    void atBootResourcesOnMeanD0WithReferencesAndPs0() {
        Bench bench = Bench.fwA().beforeEnumeration().attach();
        assertThat(bench.pm.deviceStates()).containsExactly(
                org.assertj.core.api.Assertions.entry(Bdf.parse(RP), "D0"),
                org.assertj.core.api.Assertions.entry(Bdf.parse(EP), "D0"));
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP, EP), 1, 0));
        assertThat(bench.machine.trace.acpiTexts()).containsExactly(
                "PSLT _ON ref=1 (ok)", RP + " _PS0 (ok)", RP + " (unknown) -> D0",
                "PSLT get ref=2 (already on)", EP + " _PS0 (ok)", EP + " (unknown) -> D0");
    }

    @Test
    void aFunctionThatIsPciD3coldStartsInAcpiD3coldHoldingNothing() {
        Bench bench = Bench.fwA().pciState(EP, PowerState.D3COLD).attach();
        assertThat(bench.acpiState(EP)).isEqualTo("D3cold");
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3COLD);
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 1, List.of(RP), 1, 0));
    }

    @Test
    void everythingPciD3coldWithTheSlotOffStaysOffWithoutEvaluatingAnything() {
        Bench bench = fwA(false).pciState(RP, PowerState.D3COLD).pciState(EP, PowerState.D3COLD).attach();
        assertThat(bench.pm.deviceStates().values()).containsOnly("D3cold");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", false, 0, List.of(), 0, 0));
    }

    @Test
    void aResourceLeftOnThatNobodyNeedsIsTurnedOffAtTheEndOfAttach() {
        Bench bench = Bench.fwA().pciState(RP, PowerState.D3COLD).pciState(EP, PowerState.D3COLD).attach();
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", false, 0, List.of(), 0, 1));
    }

    @Test
    void presentFunctionsBehindAResourceLeftOffArePoweredUp() {
        Bench bench = fwA(false).attach();
        assertThat(bench.pm.deviceStates().values()).containsOnly("D0");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP, EP), 1, 0));
        assertThat(bench.machine.trace.acpiTexts()).startsWith(
                RP + " (unknown) -> D3cold", "PSLT _ON ref=1 (ok)", RP + " D3cold -> D0", RP + " _PS0 (ok)");
    }

    @Test
    void aPciD3hotFunctionWithPscStartsInAcpiD3hotHoldingItsPr3References() {
        Bench bench = new Bench().resource("PSLT", true).resource("PAUX", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0().ps3().psc().pr0("PSLT").pr3("PAUX"))
                .pciState(EP, PowerState.D3HOT).attach();
        assertThat(bench.acpiState(EP)).isEqualTo("D3hot");
        assertThat(bench.resource("PSLT").users()).containsExactly(RP);
        assertThat(bench.resource("PAUX").users()).containsExactly(EP);
        assertThat(bench.machine.trace.acpiTexts()).doesNotContain(EP + " _PS0 (ok)");
    }

    @Test
    void withoutPscTheResourcesDecideAndAPciD3hotFunctionIsAcpiD0() {
        Bench bench = Bench.fwA().pciState(EP, PowerState.D3HOT).attach();
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
        assertThat(bench.resource("PSLT").users()).containsExactly(RP, EP);
    }

    @Test
    void aCompanionWithoutPs0OrPr0IsNotManageableAndFollowsItsParent() {
        Bench bench = Bench.fwA().pciState(RP, PowerState.D3COLD).pciState(EP, PowerState.D3COLD);
        bench.endpoint("0000:01:00.1", RP, Acpi.at("\\_SB.PCI0.RP01.PXSY").prw().ps3());
        bench.pciState("0000:01:00.1", PowerState.D3COLD).attach();

        assertThat(bench.pm.powerManageable(bench.dev("0000:01:00.1"))).isFalse();
        assertThat(bench.acpiState("0000:01:00.1")).isEqualTo("D3cold");
        assertThat(bench.getState("0000:01:00.1")).isEqualTo(PowerState.UNKNOWN);
        assertThat(bench.setState("0000:01:00.1", PowerState.D0)).isEqualTo(Errno.EINVAL.negative());
    }

    @Test
    void aFailureWhileInitialisingClearsPowerManageable() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT")).attach();
        bench.machine.faults.add(new Fault("PSLT", "_ON", Errno.EIO.negative(), false));

        PlatformPm again = bench.firmware.attach(bench.machine);

        assertThat(again.powerManageable(bench.dev(RP))).isFalse();
        assertThat(again.setState(bench.dev(RP), PowerState.D3COLD)).isEqualTo(Errno.EINVAL.negative());
        assertThat(again.deviceStates().get(Bdf.parse(RP))).isEqualTo("(unknown)");
    }

    @Test
    void aPrListNamingAnUndeclaredResourceIsRefusedAndLeavesNoFaultPoints() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().pr0("PSLT", "PXYZ"));
        assertThatThrownBy(bench::attach).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000:00:01.0").hasMessageContaining("PXYZ").hasMessageContaining("_PR0");
        assertThat(bench.machine.faults.points()).isEmpty();
    }

    @Test
    void functionsWithoutACompanionHaveNoRecordedState() {
        Bench bench = new Bench().rootPort(RP, HotplugKind.NONE, null).endpoint(EP, RP, null).attach();
        assertThat(bench.pm.deviceStates()).isEmpty();
        assertThat(bench.pm.powerResources()).isEmpty();
        assertThat(bench.pm.powerManageable(bench.dev(EP))).isFalse();
        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(Errno.ENODEV.negative());
        assertThat(bench.getState(EP)).isEqualTo(PowerState.UNKNOWN);
    }

    /** FW-A with PSLT left on or off by the firmware. */
    private static Bench fwA(boolean pslt) {
        return new Bench().resource("PSLT", pslt)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT"));
    }
}
