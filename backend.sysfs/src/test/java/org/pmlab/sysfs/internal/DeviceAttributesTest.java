package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.sysfs.internal.Host.EP;
import static org.pmlab.sysfs.internal.Host.RP;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmlab.hw.api.Bdf;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;

/** Every device attribute's read format and write rules on the default host (drivers/pci/pci-sysfs.c, iov.c). */
class DeviceAttributesTest {

    private static final String PF = "/sys/bus/pci/devices/0000:02:00.0";
    private static final String HOST_BRIDGE = "/sys/bus/pci/devices/0000:00:00.0";

    private final Host h = Host.acpi();

    private static void assertErrno(Runnable call, int errno, String text) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SysfsException.class, e -> {
            assertThat(e.errno()).isEqualTo(errno);
            assertThat(e.reason()).isEqualTo(text);
        });
    }

    @Test
    void idsAreHexWithTheKernelsWidths() {
        assertThat(h.cat(EP + "/class")).isEqualTo("0x030200\n");
        assertThat(h.cat(EP + "/vendor")).isEqualTo("0x10de\n");
        assertThat(h.cat(EP + "/device")).isEqualTo("0x1eb8\n");
        assertThat(h.cat(HOST_BRIDGE + "/class")).isEqualTo("0x060000\n");
    }

    @Test
    void powerStateShowsTheKernelsNames() {
        assertThat(h.cat(EP + "/power_state")).isEqualTo("unknown\n"); // enumerated, never enabled
        assertThat(h.cat(RP + "/power_state")).isEqualTo("D0\n");
        h.bindEp();
        assertThat(h.cat(EP + "/power_state")).isEqualTo("D3cold\n");
        assertThat(h.cat(RP + "/power_state")).isEqualTo("D3cold\n");
    }

    @Test
    void readOnlyAttributesRefuseWritesWithEacces() {
        for (String a : new String[] {"class", "vendor", "device", "power_state", "power/runtime_status",
            "power/runtime_usage", "power/runtime_active_kids", "power/runtime_enabled", "power/runtime_active_time",
            "power/runtime_suspended_time"}) {
            assertErrno(() -> h.echo("1", EP + "/" + a), 13, "Permission denied");
        }
        assertErrno(() -> h.echo("1", PF + "/sriov_totalvfs"), 13, "Permission denied");
        assertThat(h.cat(EP + "/power_state")).isEqualTo("unknown\n");
    }

    @Test
    void driverOverrideReadsNullUntilSetAndAnEmptyLineClearsIt() {
        assertThat(h.cat(EP + "/driver_override")).isEqualTo("(null)\n");
        assertThat(h.sys.write(EP + "/driver_override", "vfio-pci\n")).isEqualTo(9);
        assertThat(h.cat(EP + "/driver_override")).isEqualTo("vfio-pci\n");
        assertThat(h.m.pci().get(Bdf.parse("0000:01:00.0")).driverOverride()).contains("vfio-pci");
        h.sys.write(EP + "/driver_override", "rpm-test\nignored");
        assertThat(h.cat(EP + "/driver_override")).isEqualTo("rpm-test\n");
        h.sys.write(EP + "/driver_override", "\n");
        assertThat(h.cat(EP + "/driver_override")).isEqualTo("(null)\n");
    }

    @Test
    void driverOverrideOfAPageOrMoreIsEinval() {
        assertErrno(() -> h.sys.write(EP + "/driver_override", "x".repeat(4095)), 22, "Invalid argument");
        assertThat(h.cat(EP + "/driver_override")).isEqualTo("(null)\n");
    }

    @Test
    void aWriteLongerThanAPageIsE2big() {
        assertErrno(() -> h.sys.write(EP + "/driver_override", "x".repeat(4097)), 7, "Argument list too long");
    }

    @Test
    void anEmptyWriteStoresNothing() {
        assertThat(h.sys.write(EP + "/power/control", "")).isZero();
        assertThat(h.cat(EP + "/power/control")).isEqualTo("on\n");
    }

    @Test
    void d3coldAllowedIsOneWithAPmCapabilityAndZeroWithout() {
        assertThat(h.cat(EP + "/d3cold_allowed")).isEqualTo("1\n");
        assertThat(h.cat(HOST_BRIDGE + "/d3cold_allowed")).isEqualTo("0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0\n", "0x0", "00", "+0"})
    void d3coldAllowedParsesZeroInAnyBase(String text) {
        assertThat(h.sys.write(EP + "/d3cold_allowed", text)).isEqualTo(text.length());
        assertThat(h.cat(EP + "/d3cold_allowed")).isEqualTo("0\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0x10", "017", "18446744073709551615"})
    void d3coldAllowedTakesAnyNonZeroAsOne(String text) {
        h.echo("0", EP + "/d3cold_allowed");
        h.echo(text, EP + "/d3cold_allowed");
        assertThat(h.cat(EP + "/d3cold_allowed")).isEqualTo("1\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "yes", "1 ", "0x", "08", "18446744073709551616", "\n"})
    void d3coldAllowedRefusesWhatKstrtoulRefuses(String text) {
        assertErrno(() -> h.sys.write(EP + "/d3cold_allowed", text), 22, "Invalid argument");
        assertThat(h.cat(EP + "/d3cold_allowed")).isEqualTo("1\n");
    }

    @Test
    void sriovAttributesExistOnlyOnAPf() {
        assertThat(h.cat(PF + "/sriov_totalvfs")).isEqualTo("8\n");
        assertThat(h.cat(PF + "/sriov_numvfs")).isEqualTo("0\n");
        assertThat(h.sys.stat(PF + "/sriov_numvfs").mode()).isEqualTo(0644);
        assertErrno(() -> h.cat(EP + "/sriov_totalvfs"), 2, "No such file or directory");
        assertErrno(() -> h.cat(EP + "/sriov_numvfs"), 2, "No such file or directory");
    }

    @Test
    void sriovNumvfsChecksTheRangeBeforeTheDriver() {
        assertErrno(() -> h.echo("9", PF + "/sriov_numvfs"), 34, "Numerical result out of range");
        assertErrno(() -> h.echo("65536", PF + "/sriov_numvfs"), 34, "Numerical result out of range");
        assertErrno(() -> h.echo("two", PF + "/sriov_numvfs"), 22, "Invalid argument");
        // no driver with sriov_configure is bound: the kernel says ENOENT
        assertErrno(() -> h.echo("2", PF + "/sriov_numvfs"), 2, "No such file or directory");
        assertThat(h.sys.write(PF + "/sriov_numvfs", "0\n")).isEqualTo(2); // already 0: nothing to do
    }

    @Test
    void resetExistsWhereAResetMethodDoesAndIsWriteOnly() {
        SysfsEntry reset = h.sys.stat(EP + "/reset");
        assertThat(reset.modeString()).isEqualTo("--w-------");
        assertErrno(() -> h.cat(EP + "/reset"), 13, "Permission denied");
        // a bridge with NoSoftRst+ and no FLR has no method
        assertErrno(() -> h.sys.stat(RP + "/reset"), 2, "No such file or directory");
    }

    @Test
    void resetTakesOnlyOne() {
        assertErrno(() -> h.echo("2", EP + "/reset"), 22, "Invalid argument");
        assertErrno(() -> h.echo("x", EP + "/reset"), 22, "Invalid argument");
        long before = h.m.clock().nanoTime();
        assertThat(h.sys.write(EP + "/reset", "1\n")).isEqualTo(2);
        assertThat(h.m.clock().nanoTime() - before).as("an FLR waits 100 ms").isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void theDriverLinkPointsAtTheBoundDriversDirectory() {
        assertErrno(() -> h.sys.stat(EP + "/driver"), 2, "No such file or directory");
        h.bindEp();
        assertThat(h.sys.readlink(EP + "/driver")).isEqualTo("../../../../bus/pci/drivers/rpm-test");
        assertThat(h.sys.readlink(RP + "/driver")).isEqualTo("../../../bus/pci/drivers/pcieport");
        assertThat(h.sys.list(EP + "/driver/").stream().map(SysfsEntry::name))
                .containsExactly("0000:01:00.0", "bind", "unbind");
    }

    @Test
    void attributesOfDirectoriesAreRefusedLikeCatDoes() {
        assertErrno(() -> h.cat(EP + "/power"), 21, "Is a directory");
        assertErrno(() -> h.echo("on", EP), 21, "Is a directory");
        assertErrno(() -> h.cat(EP + "/nonexistent"), 2, "No such file or directory");
        assertErrno(() -> h.cat(EP + "/power_state/x"), 20, "Not a directory");
    }
}
