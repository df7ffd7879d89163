package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.sysfs.internal.Host.EP;

import org.junit.jupiter.api.Test;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;

/** The shape of the tree and the path walk: links as the kernel lays them out, "..", refusals. */
class TreeTest {

    private final Host h = Host.acpi();

    private static void assertErrno(Runnable call, int errno) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SysfsException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }

    @Test
    void busDevicesAreLinksIntoTheDeviceHierarchy() {
        assertThat(h.sys.readlink(EP)).isEqualTo("../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0");
        assertThat(h.sys.readlink("/sys/bus/pci/devices/0000:00:01.0")).isEqualTo("../../../devices/pci0000:00/0000:00:01.0");
        assertThat(h.sys.readlink("/sys/bus/pci/devices/0000:06:00.0"))
                .isEqualTo("../../../devices/pci0000:00/0000:00:1c.0/0000:04:00.0/0000:05:00.0/0000:06:00.0");
        assertThat(h.sys.list("/sys/bus/pci/devices")).hasSize(h.m.pci().devices().size())
                .allMatch(e -> e.kind() == SysfsEntry.Kind.LINK);
    }

    @Test
    void aBridgesDirectoryHoldsItsChildrensDirectories() {
        assertThat(h.sys.list("/sys/devices/pci0000:00/0000:00:03.0").stream()
                .filter(e -> e.kind() == SysfsEntry.Kind.DIRECTORY).map(SysfsEntry::name))
                .containsExactly("0000:03:00.0", "0000:03:00.1", "power");
        assertThat(h.cat("/sys/devices/pci0000:00/0000:00:03.0/0000:03:00.1/class")).isEqualTo("0x040300\n");
    }

    @Test
    void dotDotIsThePhysicalParentAfterALink() {
        assertThat(h.cat(EP + "/../power_state")).isEqualTo(h.cat("/sys/bus/pci/devices/0000:00:01.0/power_state"));
        assertThat(h.cat(EP + "/./power/../vendor")).isEqualTo("0x10de\n");
        assertThat(h.cat(EP + "/subsystem/devices/0000:01:00.0/device")).isEqualTo("0x1eb8\n");
    }

    @Test
    void pathsOutsideSysAreRefused() {
        assertThatThrownBy(() -> h.cat("/etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside /sys");
        assertThatThrownBy(() -> h.cat("/sys/../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.cat("sys/bus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
        assertErrno(() -> h.cat("/sys/class/net"), 2);
        assertErrno(() -> h.cat("/sys/bus/pci/devices/0000:01:00.7/class"), 2);
        assertErrno(() -> h.cat("/sys/bus/pci/devices/0000:01:00.0/../0000:06:00.0/class"), 2);
    }

    @Test
    void theDriversDirectoryListsEveryRegisteredDriverWithItsDevices() {
        assertThat(h.sys.list("/sys/bus/pci/drivers").stream().map(SysfsEntry::name)).containsExactly("amdgpu", "e1000e", "ixgbe", "nvme", "pci-stub",
                "pcieport", "rpm-test", "snd_hda_intel", "xhci_hcd");
        assertThat(h.sys.list("/sys/bus/pci/drivers/pcieport").stream().filter(e -> e.kind() == SysfsEntry.Kind.LINK)
                .map(SysfsEntry::name)).contains("0000:00:01.0", "0000:04:00.0", "0000:05:01.0");
        assertThat(h.sys.readlink("/sys/bus/pci/drivers/pcieport/0000:00:01.0"))
                .isEqualTo("../../../../devices/pci0000:00/0000:00:01.0");
        assertThat(h.sys.stat("/sys/bus/pci/drivers/pcieport/bind").modeString()).isEqualTo("--w-------");
    }

    @Test
    void bindNeedsAMatchingDeviceNameAndUnbindOnlyTheBoundDriver() {
        String bind = "/sys/bus/pci/drivers/rpm-test/bind";
        assertErrno(() -> h.echo("0000:01:00.0", bind), 19); // no driver_override: no match
        assertErrno(() -> h.echo("0000:01:00.9", bind), 19);
        assertErrno(() -> h.echo("0000:01:00.0 ", bind), 19);
        h.echo("rpm-test", EP + "/driver_override");
        assertErrno(() -> h.echo("0000:01:00.0", "/sys/bus/pci/drivers/pcieport/bind"), 19);
        assertThat(h.sys.write(bind, "0000:01:00.0\n")).isEqualTo(13);
        assertErrno(() -> h.echo("0000:01:00.0", bind), 16); // already bound
        assertErrno(() -> h.echo("0000:01:00.0", "/sys/bus/pci/drivers/pcieport/unbind"), 19);
        h.echo("0000:01:00.0", "/sys/bus/pci/drivers/rpm-test/unbind");
        assertErrno(() -> h.sys.stat(EP + "/driver"), 2);
        assertThat(h.cat(EP + "/power/control")).isEqualTo("on\n");
    }

    @Test
    void driversProbeBindsAnUnboundDeviceThatNamesADriver() {
        assertErrno(() -> h.echo("0000:01:00.0", "/sys/bus/pci/drivers_probe/x"), 20);
        assertThat(h.sys.write("/sys/bus/pci/drivers_probe", "0000:01:00.0\n")).isEqualTo(13); // nothing matches: still success
        assertErrno(() -> h.sys.stat(EP + "/driver"), 2);
        h.echo("rpm-test", EP + "/driver_override");
        h.echo("0000:01:00.0", "/sys/bus/pci/drivers_probe");
        assertThat(h.sys.readlink(EP + "/driver")).endsWith("/drivers/rpm-test");
        assertErrno(() -> h.echo("nonsense", "/sys/bus/pci/drivers_probe"), 19);
    }
}
