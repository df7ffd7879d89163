package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.scenario.api.Scenario;
import org.pmlab.sim.api.KernelVersion;

/** What each argument type accepts and how it says what is wrong. */
class ArgsTest {

    @Test
    void numbersAreRangeCheckedNeverWrapped() {
        assertThat(Args.Int.parse("-2147483648").value()).isEqualTo(Integer.MIN_VALUE);
        assertThatThrownBy(() -> Args.Int.parse("2147483648")).hasMessage(
                "2147483648 is out of range (expected an int from -2147483648 to 2147483647)");
        assertThatThrownBy(() -> Args.UInt.parse("4294967396")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Args.UInt.parse("-1")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Args.U16.parse("4294967298")).hasMessageContaining("expected a u16 from 0 to 65535");
        assertThatThrownBy(() -> Args.Int.parse("1e3")).hasMessage("'1e3' is not a whole number (expected an int from -2147483648 to 2147483647)");
        assertThatThrownBy(() -> Args.Int.parse("99999999999999999999999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Args.Int.parse("0x10")).hasMessageContaining("not a whole number");
    }

    @Test
    void booleansTakeOnlyTheKernelsSpellings() {
        for (String t : new String[] {"1", "y", "Y", "yes", "on", "ON", "true"}) {
            assertThat(Args.KernelBool.parse(t).value()).as(t).isTrue();
        }
        for (String t : new String[] {"0", "n", "N", "no", "off", "false"}) {
            assertThat(Args.KernelBool.parse(t).value()).as(t).isFalse();
        }
        assertThatThrownBy(() -> Args.KernelBool.parse("maybe")).hasMessageStartingWith("'maybe' is not a boolean");
        assertThatThrownBy(() -> Args.KernelBool.parse("2")).hasMessageStartingWith("'2' is not a boolean");
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThatThrownBy(() -> DurationText.parse("100")).hasMessageContaining("(no unit)");
        assertThatThrownBy(() -> DurationText.parse("-5ms")).hasMessageContaining("(negative)");
        assertThatThrownBy(() -> DurationText.parse("1.5ns")).hasMessageContaining("finer than a nanosecond");
        assertThatThrownBy(() -> DurationText.parse("999999999999s")).hasMessageContaining("too long");
    }

    @Test
    void bdfHexIsCaseInsensitiveAndBdfNamedThingsAreCanonical() {
        assertThat(Bdf.parse("0000:00:1C.0").toString()).isEqualTo("0000:00:1c.0");
        assertThat(Args.DeviceName.parse("0000:00:1C.0").text()).isEqualTo("0000:00:1c.0");
        assertThat(Args.FaultTarget.parse("0000:00:1C.0").text()).isEqualTo("0000:00:1c.0");
        assertThat(Args.FaultTarget.parse("PSLT").text()).isEqualTo("PSLT");
        assertThat(Args.VfioHandle.parse("0000:01:00.0").isFd()).isFalse();
        assertThat(Args.VfioHandle.parse("3").fd()).isEqualTo(3);
        assertThatThrownBy(() -> Args.VfioHandle.parse("-3")).hasMessageContaining("expected the BDF of an open device");
    }

    @Test
    void namesAndPathsAreNotEmptyAndHaveNoControlCharacters() {
        assertThatThrownBy(() -> Args.DeviceName.parse("")).hasMessage("empty device name");
        assertThatThrownBy(() -> Args.HostPath.parse("")).hasMessage("empty path");
        assertThatThrownBy(() -> Args.DriverName.parse("vfio\npci")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Args.SysfsPath.parse("bus/pci")).hasMessageContaining("absolute path under /sys");
        assertThat(Args.SysfsPath.parse("/sys//bus/pci").text()).isEqualTo("/sys//bus/pci");
    }

    @Test
    void wordsListTheirChoices() {
        assertThat(Args.word(OnOff.class, "ON")).isEqualTo(OnOff.ON);
        assertThatThrownBy(() -> Args.word(OnOff.class, "maybe")).hasMessage("'maybe': expected on or off");
        assertThatThrownBy(() -> Args.word(PmCommands.DeviceAction.class, "frob"))
                .hasMessage("'frob': expected add or remove");
    }

    @Test
    void listOptionsTakeCommaSeparatedItemsEachCheckedOrAll() {
        assertThat(Args.KernelList.parse("5.18,6.1").versions()).containsExactly(KernelVersion.V5_18, KernelVersion.V6_1);
        assertThat(Args.KernelList.parse("all").versions()).isEqualTo(KernelVersion.MODELLED);
        assertThatThrownBy(() -> Args.KernelList.parse("5.18,9.9")).hasMessageContaining("kernel 9.9 is not modelled");
        assertThatThrownBy(() -> Args.KernelList.parse("5.18,,6.1")).hasMessageContaining("an empty item");
        assertThatThrownBy(() -> Args.KernelList.parse("6.1,6.1")).hasMessageContaining("6.1 is given twice");
        assertThat(Args.ScenarioList.parse("open-close,sriov").scenarios())
                .containsExactly(Scenario.OPEN_CLOSE, Scenario.SRIOV);
        assertThat(Args.ScenarioList.parse("all").scenarios()).containsExactly(Scenario.values());
        assertThatThrownBy(() -> Args.ScenarioList.parse("idle")).hasMessageContaining("unknown scenario 'idle'");
        assertThat(Args.FirmwareList.parse("all").all()).isTrue();
        assertThat(Args.FirmwareList.parse("acpi-sim,native").names()).containsExactly("acpi-sim", "native");
        assertThatThrownBy(() -> Args.FirmwareList.parse("")).hasMessageContaining("empty firmware list");
    }

    @Test
    void aDeviceOptionIsABdfOrAutoAndWattsAreANonNegativeNumber() {
        assertThat(Args.AutoBdf.parse("auto").auto()).isTrue();
        assertThat(Args.AutoBdf.parse("0000:01:00.0").bdf()).isEqualTo(Bdf.parse("0000:01:00.0"));
        assertThatThrownBy(() -> Args.AutoBdf.parse("zz")).hasMessageContaining("malformed BDF 'zz'");
        assertThat(Args.Watts.parse("4.5").value()).isEqualTo(4.5);
        assertThat(Args.Watts.parse("0").value()).isZero();
        for (String bad : new String[] {"-1", "NaN", "Infinity", "1e3", "x", "4,5"}) {
            assertThatThrownBy(() -> Args.Watts.parse(bad)).as(bad).hasMessageContaining("expected a number of watts");
        }
        assertThatThrownBy(() -> Args.Watts.parse("99999999")).hasMessageContaining("more than a megawatt");
    }
}
