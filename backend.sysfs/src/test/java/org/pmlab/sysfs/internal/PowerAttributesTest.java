package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.sysfs.internal.Host.EP;
import static org.pmlab.sysfs.internal.Host.RP;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;

/** The power/ attributes' formats and write rules (drivers/base/power/sysfs.c). */
class PowerAttributesTest {

    private final Host h = Host.acpi();

    private static void assertErrno(Runnable call, int errno) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }

    @Test
    void anUnboundEndpointShowsThePciDefaults() {
        assertThat(h.cat(EP + "/power/control")).isEqualTo("on\n");
        assertThat(h.cat(EP + "/power/runtime_status")).isEqualTo("active\n");
        assertThat(h.cat(EP + "/power/runtime_usage")).isEqualTo("1\n");
        assertThat(h.cat(EP + "/power/runtime_enabled")).isEqualTo("forbidden\n");
        assertThat(h.cat(EP + "/power/runtime_active_kids")).isEqualTo("0\n");
    }

    @Test
    void thePortDriverAllowsTheRootPortWithA100msAutosuspendDelay() {
        assertThat(h.cat(RP + "/power/control")).isEqualTo("auto\n");
        assertThat(h.cat(RP + "/power/runtime_enabled")).isEqualTo("enabled\n");
        assertThat(h.cat(RP + "/power/autosuspend_delay_ms")).isEqualTo("100\n");
        assertThat(h.cat(RP + "/power/runtime_active_kids")).isEqualTo("1\n"); // the unbound, active endpoint
    }

    @Test
    void theWholePowerDirectoryOfAWakeCapablePort() {
        assertThat(h.sys.list(RP + "/power").stream().map(e -> e.modeString() + " " + e.name())).containsExactly(
                "-rw-r--r-- autosuspend_delay_ms", "-rw-r--r-- control", "-r--r--r-- runtime_active_kids",
                "-r--r--r-- runtime_active_time", "-r--r--r-- runtime_enabled", "-r--r--r-- runtime_status",
                "-r--r--r-- runtime_suspended_time", "-r--r--r-- runtime_usage", "-rw-r--r-- wakeup",
                "-r--r--r-- wakeup_abort_count", "-r--r--r-- wakeup_active", "-r--r--r-- wakeup_active_count",
                "-r--r--r-- wakeup_count", "-r--r--r-- wakeup_expire_count", "-r--r--r-- wakeup_last_time_ms",
                "-r--r--r-- wakeup_max_time_ms", "-r--r--r-- wakeup_total_time_ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "xyz\n", "auto\n\n", " auto", "AUTO", "on auto"})
    void controlRefusesAnythingButAutoAndOnAndChangesNothing(String text) {
        assertErrno(() -> h.sys.write(EP + "/power/control", text), 22);
        h.settle();
        assertThat(h.cat(EP + "/power/control")).isEqualTo("on\n");
        assertThat(h.cat(EP + "/power/runtime_usage")).isEqualTo("1\n");
        assertThat(h.cat(EP + "/power_state")).isEqualTo("unknown\n");
    }

    @Test
    void controlTakesAutoWithOrWithoutTheNewlineAndReturnsTheByteCount() {
        assertThat(h.sys.write(EP + "/power/control", "auto")).isEqualTo(4);
        assertThat(h.cat(EP + "/power/control")).isEqualTo("auto\n");
        assertThat(h.sys.write(EP + "/power/control", "on\n")).isEqualTo(3);
        assertThat(h.cat(EP + "/power/control")).isEqualTo("on\n");
    }

    @Test
    void autosuspendDelayIsEioWhenTheDeviceDoesNotUseAutosuspend() {
        assertErrno(() -> h.cat(EP + "/power/autosuspend_delay_ms"), 5);
        assertErrno(() -> h.echo("10", EP + "/power/autosuspend_delay_ms"), 5);
        assertThat(h.sys.stat(EP + "/power/autosuspend_delay_ms").modeString()).isEqualTo("-rw-r--r--");
    }

    @Test
    void autosuspendDelayTakesASignedDecimalThatFitsAnInt() {
        h.echo("250", RP + "/power/autosuspend_delay_ms");
        assertThat(h.cat(RP + "/power/autosuspend_delay_ms")).isEqualTo("250\n");
        h.echo("-1", RP + "/power/autosuspend_delay_ms");
        assertThat(h.cat(RP + "/power/autosuspend_delay_ms")).isEqualTo("-1\n");
        assertErrno(() -> h.echo("2147483648", RP + "/power/autosuspend_delay_ms"), 22);
        assertErrno(() -> h.echo("0x10", RP + "/power/autosuspend_delay_ms"), 22);
        assertErrno(() -> h.echo("ten", RP + "/power/autosuspend_delay_ms"), 22);
        assertThat(h.cat(RP + "/power/autosuspend_delay_ms")).isEqualTo("-1\n");
    }

    @Test
    void runtimeTimesAreWholeMillisecondsOfModelTime() {
        long active = Long.parseLong(h.cat(EP + "/power/runtime_active_time").strip());
        h.m.clock().advance(Duration.ofMillis(1500));
        long later = Long.parseLong(h.cat(EP + "/power/runtime_active_time").strip());
        assertThat(later - active).isBetween(1499L, 1501L);
        assertThat(h.cat(EP + "/power/runtime_suspended_time")).isEqualTo("0\n");
    }

    @Test
    void wakeupExistsOnlyForWakeCapableDevicesAndTakesEnabledOrDisabled() {
        // the GPU has no PME, but the PCIe PME service marked everything below the root port
        assertThat(h.cat(EP + "/power/wakeup")).isEqualTo("disabled\n");
        assertThat(h.cat(EP + "/power/wakeup_count")).as("no wakeup source yet").isEqualTo("\n");
        assertThat(h.cat(RP + "/power/wakeup")).isEqualTo("disabled\n");
        h.echo("enabled", RP + "/power/wakeup");
        assertThat(h.cat(RP + "/power/wakeup")).isEqualTo("enabled\n");
        assertThat(h.cat(RP + "/power/wakeup_count")).isEqualTo("0\n");
        assertErrno(() -> h.echo("on", RP + "/power/wakeup"), 22);
        assertThat(h.cat(RP + "/power/wakeup")).isEqualTo("enabled\n");
    }

    @Test
    void modesAreTheKernels() {
        assertThat(h.sys.stat(EP + "/power/runtime_status").mode()).isEqualTo(0444);
        assertThat(h.sys.stat(EP + "/power/control").mode()).isEqualTo(0644);
        assertThat(h.sys.stat(EP + "/d3cold_allowed").mode()).isEqualTo(0644);
        assertThat(h.sys.stat("/sys/bus/pci/drivers_probe").mode()).isEqualTo(0200);
        assertThat(h.sys.stat(EP).kind()).isEqualTo(SysfsEntry.Kind.LINK);
        assertThat(h.sys.stat(EP + "/").kind()).isEqualTo(SysfsEntry.Kind.DIRECTORY);
    }
}
