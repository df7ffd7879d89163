package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.testsupport.FakePciDevice;

/** acpi_pci_wakeup and acpi_pci_need_resume. */
class WakeupTest {

    private static Bench bench(Acpi rp, Acpi ep) {
        return new Bench().resource("PSLT", true).rootPort(RP, HotplugKind.NONE, rp).endpoint(EP, RP, ep).attach();
    }

    @Test
    void aDeviceWithPrwEnablesItsOwnWakeup() {
        Bench b = bench(Acpi.fwA("\\_SB.PCI0.RP01", "PSLT").prw(), Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").prw());
        assertThat(b.pm.setWakeup(b.dev(EP), true)).isZero();
        assertThat(b.machine.trace.texts(FirmwareEvents.DEVICE_WAKEUP))
                .containsExactly(EP + " wakeup enable enable_count=1 prepare_count=1");
    }

    @Test
    void aDeviceWithoutPrwPropagatesToTheNearestBridgeThatCanWake() {
        Bench b = bench(Acpi.fwA("\\_SB.PCI0.RP01", "PSLT").prw(), Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT"));
        assertThat(b.pm.setWakeup(b.dev(EP), true)).isZero();
        assertThat(b.pm.setWakeup(b.dev(EP), false)).isZero();
        assertThat(b.machine.trace.texts(FirmwareEvents.DEVICE_WAKEUP)).containsExactly(
                RP + " wakeup enable enable_count=1 prepare_count=1",
                RP + " wakeup disable enable_count=0 prepare_count=0");
    }

    @Test
    void withNothingAboveThatCanWakeItSucceedsDoingNothing() {
        Bench b = bench(Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"), null);
        assertThat(b.pm.setWakeup(b.dev(EP), true)).isZero();
        assertThat(b.machine.trace.texts(FirmwareEvents.DEVICE_WAKEUP)).isEmpty();
    }

    @Test
    void enablingTwiceCountsTwiceButPreparesOnceAndDisablingAnUnenabledDeviceDoesNothing() {
        Bench b = bench(Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"), Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").prw());
        b.pm.setWakeup(b.dev(EP), true);
        b.pm.setWakeup(b.dev(EP), true);
        b.pm.setWakeup(b.dev(EP), false);
        b.pm.setWakeup(b.dev(EP), false);
        b.pm.setWakeup(b.dev(EP), false);
        assertThat(b.machine.trace.texts(FirmwareEvents.DEVICE_WAKEUP)).containsExactly(
                EP + " wakeup enable enable_count=1 prepare_count=1",
                EP + " wakeup enable enable_count=2 prepare_count=1",
                EP + " wakeup disable enable_count=1 prepare_count=0",
                EP + " wakeup disable enable_count=0 prepare_count=0");
    }

    @Test
    void needResumeWhenWakeupSettingsDifferFromWhatFirmwareWasPreparedFor() {
        Bench b = bench(Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"), Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").prw());
        FakePciDevice ep = b.dev(EP);
        ep.wakeupCapable = true;
        ep.wakeupEnabled = true;
        assertThat(b.pm.needResume(ep)).as("may wake, not prepared").isTrue();

        b.pm.setWakeup(ep, true);
        assertThat(b.pm.needResume(ep)).as("may wake, prepared").isFalse();

        ep.wakeupEnabled = false;
        assertThat(b.pm.needResume(ep)).as("may not wake, prepared").isTrue();
    }

    @Test
    void needResumeIsFalseWithoutPrwOrWithoutManageability() {
        Bench b = bench(Acpi.at("\\_SB.PCI0.RP01").prw(), Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT"));
        b.dev(EP).wakeupCapable = true;
        b.dev(EP).wakeupEnabled = true;
        b.dev(RP).wakeupCapable = true;
        b.dev(RP).wakeupEnabled = true;
        assertThat(b.pm.needResume(b.dev(EP))).isFalse();
        assertThat(b.pm.needResume(b.dev(RP))).as("RP's companion is not power-manageable").isFalse();
    }
}
