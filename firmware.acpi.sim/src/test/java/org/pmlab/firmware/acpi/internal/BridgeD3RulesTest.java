package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;

/** The rules of {@code acpi_pci_bridge_d3} (drivers/pci/pci-acpi.c, 6.1), one test each. */
class BridgeD3RulesTest {
    private static final String USP = "0000:01:00.0";
    private static final String DSP = "0000:02:00.0";

    private static boolean rootPortBlessed(HotplugKind hotplug, Acpi acpi) {
        Bench bench = new Bench().resource("PSLT", true).rootPort(RP, hotplug, acpi).attach();
        return bench.pm.bridgeD3(bench.dev(RP));
    }

    /** A switch below a Root Port; only the downstream port is hot-plug capable. */
    private static boolean downstreamPortBlessed(Acpi rootPort, Acpi dsp) {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, rootPort)
                .port(USP, RP, PortType.UPSTREAM_PORT, HotplugKind.NONE, null)
                .port(DSP, USP, PortType.DOWNSTREAM_PORT, HotplugKind.NATIVE, dsp)
                .attach();
        return bench.pm.bridgeD3(bench.dev(DSP));
    }

    @Test
    void rule1NonHotplugBridgeIsNeverBlessedEvenIfManageable() {
        assertThat(rootPortBlessed(HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT").prw().hotplugSupportInD3()))
                .isFalse();
    }

    @Test
    void rule2HotplugBridgeThatIsAcpiPowerManageableIsBlessed() {
        assertThat(rootPortBlessed(HotplugKind.NATIVE, Acpi.at("\\_SB.PCI0.RP01").ps0().ps3())).isTrue();
        assertThat(rootPortBlessed(HotplugKind.FIRMWARE, Acpi.at("\\_SB.PCI0.RP01").ps0())).isTrue();
    }

    @Test
    void rule2OwnS0wOfD2OrShallowerRefusesEvenAManageableBridge() {
        assertThat(rootPortBlessed(HotplugKind.NATIVE, Acpi.at("\\_SB.PCI0.RP01").ps0().prw().s0w(2))).isFalse();
        assertThat(rootPortBlessed(HotplugKind.NATIVE, Acpi.at("\\_SB.PCI0.RP01").ps0().prw().s0w(3))).isTrue();
    }

    @Test
    void rule3NoRootPortCompanionMeansNo() {
        assertThat(rootPortBlessed(HotplugKind.NATIVE, null)).isFalse();
        assertThat(downstreamPortBlessed(null, null)).isFalse();
    }

    @Test
    void rule4RootPortThatCannotWakeMeansNo() {
        Acpi rpWithoutPrw = Acpi.at("\\_SB.PCI0.RP01").hotplugSupportInD3();
        assertThat(rootPortBlessed(HotplugKind.NATIVE, rpWithoutPrw)).isFalse();
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").hotplugSupportInD3(), null)).isFalse();
    }

    @Test
    void rule5RootPortAboveWithS0wOfD2OrShallowerMeansNo() {
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw().s0w(2).hotplugSupportInD3(), null)).isFalse();
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw().s0w(3).hotplugSupportInD3(), null)).isTrue();
    }

    @Test
    void aRootPortWithANonManageableCompanionIsJudgedByItsOwnWakeAndHotPlugSupportInD3() {
        // no _PS0/_PR0, so rule 2 does not decide; its own _S0W=3 passes rule 2's check
        assertThat(rootPortBlessed(HotplugKind.NATIVE, Acpi.at("\\_SB.PCI0.RP01").prw().s0w(3).hotplugSupportInD3()))
                .isTrue();
    }

    @Test
    void rule6HotPlugSupportInD3OnAWakeCapableRootPortBlessesTheBridgesBelow() {
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw().hotplugSupportInD3(), null)).isTrue();
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw(), null)).isFalse();
        assertThat(rootPortBlessed(HotplugKind.NATIVE, Acpi.at("\\_SB.PCI0.RP01").prw().hotplugSupportInD3())).isTrue();
    }

    @Test
    void aBridgeWithANonManageableCompanionFallsThroughToTheRootPort() {
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw().hotplugSupportInD3(),
                Acpi.at("\\_SB.PCI0.RP01.USP.DSP0"))).isTrue();
        assertThat(downstreamPortBlessed(Acpi.at("\\_SB.PCI0.RP01").prw(),
                Acpi.at("\\_SB.PCI0.RP01.USP.DSP0"))).isFalse();
    }
}
