package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;

/**
 * What native drivers, the PCIe PME service and the GPU–audio device link leave in sysfs on the
 * default host: power/wakeup where the kernel has it, and the devlink class.
 */
class NativeDriverSysfsTest {

    private static final String NIC = "/sys/bus/pci/devices/0000:02:00.0";
    private static final String GPU = "/sys/bus/pci/devices/0000:03:00.0";
    private static final String HDA = "/sys/bus/pci/devices/0000:03:00.1";
    private static final String LINK = "pci:0000:03:00.0--pci:0000:03:00.1";

    private final Host h = Host.acpi();

    @Test
    void ixgbeLeavesItsNicInD0WithWakeupDisabledWhileE1000eLeavesItEnabled() {
        h.echo("ixgbe", NIC + "/driver_override");
        h.echo("0000:02:00.0", "/sys/bus/pci/drivers/ixgbe/bind");
        h.echo("0000:02:00.0", "/sys/bus/pci/drivers/ixgbe/unbind");
        assertThat(h.cat(NIC + "/power_state")).isEqualTo("D0\n");
        assertThat(h.cat(NIC + "/power/wakeup")).isEqualTo("disabled\n");

        h.echo("e1000e", NIC + "/driver_override");
        h.echo("0000:02:00.0", "/sys/bus/pci/drivers_probe");
        h.echo("0000:02:00.0", "/sys/bus/pci/drivers/e1000e/unbind");
        assertThat(h.cat(NIC + "/power/wakeup")).isEqualTo("enabled\n");
        assertThat(h.cat(NIC + "/power/wakeup_count")).isEqualTo("0\n");
        assertThat(h.cat(NIC + "/power/wakeup_last_time_ms")).matches("\\d+\n");
    }

    @Test
    void theRootPortHasPowerWakeupReadingDisabledButTheHostBridgeDirectoryHasNone() {
        assertThat(h.cat("/sys/bus/pci/devices/0000:00:01.0/power/wakeup")).isEqualTo("disabled\n");
        assertThat(h.cat(GPU + "/power/wakeup")).as("no PME, marked by the PME service").isEqualTo("disabled\n");
        assertThatThrownBy(() -> h.cat("/sys/bus/pci/devices/0000:00:00.0/power/wakeup"))
                .isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(2));
    }

    @Test
    void theGpuAudioLinkIsInTheDevlinkClass() {
        assertThat(h.sys.list("/sys/class/devlink").stream().map(SysfsEntry::name)).containsExactly(LINK);
        String dir = "/sys/class/devlink/" + LINK;
        assertThat(h.cat(dir + "/status")).isEqualTo("not tracked\n");
        assertThat(h.cat(dir + "/runtime_pm")).isEqualTo("1\n");
        assertThat(h.cat(dir + "/auto_remove_on")).isEqualTo("never\n");
        assertThat(h.cat(dir + "/sync_state_only")).isEqualTo("0\n");
        assertThat(h.cat(dir + "/supplier/vendor")).isEqualTo("0x1002\n");
        assertThat(h.cat(dir + "/consumer/class")).isEqualTo("0x040300\n");
        assertThat(h.cat(GPU + "/consumer:pci:0000:03:00.1/status")).isEqualTo("not tracked\n");
        assertThat(h.cat(HDA + "/supplier:pci:0000:03:00.0/runtime_pm")).isEqualTo("1\n");
    }
}
