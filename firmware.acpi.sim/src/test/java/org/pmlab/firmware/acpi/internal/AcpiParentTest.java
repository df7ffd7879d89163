package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;

/** acpi_device_set_power refuses a state shallower than the ACPI parent's (-ENODEV). */
class AcpiParentTest {
    private static final String USP = "0000:01:00.0";
    private static final String DSP = "0000:02:00.0";
    private static final String DEEP_EP = "0000:03:00.0";

    @Test
    void endpointCannotReturnToD0WhileItsRootPortIsD3cold() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        int onBefore = bench.resource("PSLT").onCount();
        bench.machine.trace.clear();

        assertThat(bench.setState(EP, PowerState.D0)).isEqualTo(-19);

        assertThat(bench.acpiState(EP)).isEqualTo("D3cold");
        assertThat(bench.resource("PSLT").refCount()).isZero();
        assertThat(bench.resource("PSLT").onCount()).isEqualTo(onBefore);
        assertThat(bench.machine.trace.acpiTexts()).isEmpty();
    }

    @Test
    void withTheRootPortResumedFirstTheEndpointComesBack() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        bench.suspendToD3cold(RP);
        assertThat(bench.resume(RP)).isZero();
        assertThat(bench.resume(EP)).isZero();
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
    }

    @Test
    void underAD3coldParentEvenD3hotAndD3coldAreRefused() {
        // the parent check compares the method state (D3hot for a D3cold request) with the parent's
        Bench bench = Bench.fwA().attach();
        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();
        assertThat(bench.resource("PSLT").on()).as("EP still holds PSLT").isTrue();

        assertThat(bench.setState(EP, PowerState.D3HOT)).isEqualTo(-19);
        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(-19);
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
    }

    @Test
    void theAcpiParentIsTheNearestUpstreamBridgeWithACompanion() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .port(USP, RP, PortType.UPSTREAM_PORT, HotplugKind.NONE, null)
                .port(DSP, USP, PortType.DOWNSTREAM_PORT, HotplugKind.NONE, null)
                .endpoint(DEEP_EP, DSP, Acpi.at("\\_SB.PCI0.RP01.USP.DSP.GPU").ps0().ps3())
                .attach();
        bench.setState(DEEP_EP, PowerState.D3COLD);
        assertThat(bench.setState(RP, PowerState.D3COLD)).isZero();

        assertThat(bench.setState(DEEP_EP, PowerState.D0)).isEqualTo(-19);

        bench.setState(RP, PowerState.D0);
        assertThat(bench.setState(DEEP_EP, PowerState.D0)).isZero();
    }

    @Test
    void aCompanionWithNoCompanionAboveHasNoParentToObey() {
        Bench bench = new Bench().rootPort(RP, HotplugKind.NONE, null)
                .endpoint(EP, RP, Acpi.at("\\_SB.PCI0.RP01.PXSX").ps0().ps3())
                .attach();
        assertThat(bench.setState(EP, PowerState.D3HOT)).isZero();
        assertThat(bench.setState(EP, PowerState.D0)).isZero();
    }
}
