package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.topology.api.FleetShape;

/**
 * pci:bind and pci:unbind over selections, on a generated host: 2 root ports, each above a switch with 2 slots,
 * each slot with 2 GPUs (03:00.0, 03:00.1, ...) and an SR-IOV NIC PF (03:00.2, ...).
 */
class BulkBindTest {

    private final FleetLab lab = new FleetLab(new FleetShape("small", 2, 1, 2, 2, 1, 4));
    private final PciCommands pci = new PciCommands(new Steps(lab));

    @Test
    void bindsEveryFunctionOfAClassAndSettlesOnceAfterwards() {
        assertThat(pci.bind(cls("0x0300"), ids(""), below(""), drv("vfio-pci"))).isEqualTo("bound 8 functions to vfio-pci");

        assertThat(driven("vfio-pci")).containsExactly("0000:03:00.0", "0000:03:00.1", "0000:04:00.0", "0000:04:00.1",
                "0000:07:00.0", "0000:07:00.1", "0000:08:00.0", "0000:08:00.1");
        assertThat(lab.machine.pci().get(Bdf.parse("0000:03:00.0")).pm().info().runtimeStatus()).isEqualTo("suspended");
        assertThat(lab.machine.clock().pending()).isEmpty();
    }

    @Test
    void bindsByAddressPatternVendorAndDeviceAndSubtreeAllTogether() {
        assertThat(pci.bind(cls(""), ids(""), below(""), at("0000:0?:00.2"), drv("vfio-pci"))).isEqualTo("bound 4 functions to vfio-pci");
        assertThat(driven("vfio-pci")).containsExactly("0000:03:00.2", "0000:04:00.2", "0000:07:00.2", "0000:08:00.2");

        assertThat(pci.bind(cls(""), ids("10de:*"), below("0000:00:01.1"), drv("vfio-pci"))).isEqualTo("bound 4 functions to vfio-pci");
        assertThat(driven("vfio-pci")).contains("0000:07:00.0", "0000:08:00.1").doesNotContain("0000:03:00.0");

        // any bus and device, function 0: the first GPU of each slot
        assertThat(pci.bind(cls("0x03"), ids("10de:2230"), below(""), at("*:*.0"), drv("vfio-pci"))).isEqualTo("bound 2 functions to vfio-pci (2 already bound)");
    }

    @Test
    void countsWhatWasAlreadyBoundAndUnbindsASubtree() {
        pci.bind(cls(""), ids(""), below(""), at("0000:03:00.*"), drv("vfio-pci"));

        assertThat(pci.bind(cls("0x0300"), ids(""), below("0000:00:01.0"), drv("vfio-pci"))).isEqualTo("bound 2 functions to vfio-pci (2 already bound)");
        assertThat(pci.unbind(cls(""), ids(""), below("0000:02:00.0"))).isEqualTo("unbound 3 functions");
        assertThat(driven("vfio-pci")).containsExactly("0000:04:00.0", "0000:04:00.1");
    }

    @Test
    void aFunctionThatRefusesTheDriverFailsTheStatementButNotTheOthers() {
        // the switch's ports are bridges: vfio-pci refuses them; the endpoints below bind
        assertThatThrownBy(() -> pci.bind(cls(""), ids(""), below("0000:00:01.0"), drv("vfio-pci")))
                .hasMessageStartingWith("bind to vfio-pci failed for 3 of 9 functions, first 0000:01:00.0: -EINVAL (-22)")
                .hasMessageEndingWith("bound 6 functions to vfio-pci");
        assertThat(driven("vfio-pci")).hasSize(6);
        // as the recipe by hand leaves them: driver_override set, pcieport unbound, the bind refused
        PciDevice port = lab.machine.pci().get(Bdf.parse("0000:02:01.0"));
        assertThat(port.driver()).isEmpty();
        assertThat(port.driverOverride()).contains("vfio-pci");
    }

    @Test
    void badSelectionsAreOneLineInTheUsersWords() {
        assertThatThrownBy(() -> pci.bind(cls("0x0108"), ids(""), below(""), drv("vfio-pci"))).hasMessage("no PCI function of class 0x0108");
        assertThatThrownBy(() -> pci.bind(cls("0x3"), ids(""), below(""), drv("vfio-pci"))).hasMessage("bad class '0x3': expected 2, 4 or 6 hex "
                + "digits such as 0x03 (display), 0x0300 (VGA compatible controller) or 0x030000");
        assertThatThrownBy(() -> pci.bind(cls(""), ids("10de"), below(""), drv("vfio-pci")))
                .hasMessage("bad id '10de': expected VENDOR:DEVICE in hex such as 10de:2230 or 10de:*");
        assertThatThrownBy(() -> pci.bind(cls(""), ids(""), below(""), at("0000:4?:*"), drv("vfio-pci"))).hasMessageStartingWith("bad address pattern '0000:4?:*'");
        assertThatThrownBy(() -> pci.bind(cls(""), ids(""), below("0000:03:00.0"), drv("vfio-pci"))).hasMessage("0000:03:00.0 is not a bridge: no function sits below it");
        assertThatThrownBy(() -> pci.bind(cls("0x0300"), ids(""), below(""), drv("nosuch"))).hasMessageStartingWith("no driver named 'nosuch'; registered: ");
        assertThatThrownBy(() -> pci.unbind(cls("0x0300"), ids(""), below(""))).hasMessage("no PCI function of class 0x0300 is bound to a driver");
        assertThat(driven("vfio-pci")).isEmpty();
    }

    @Test
    void oneAddressStillBindsAsBefore() {
        assertThat(pci.bind(cls(""), ids(""), below(""), at("0000:03:00.0"), drv("vfio-pci"))).isNull();
        assertThat(pci.bind(cls(""), ids(""), below(""), at("0000:03:00.0"), drv("vfio-pci"))).isEqualTo("0000:03:00.0 is already bound to vfio-pci");
    }

    static Args.PciClass cls(String text) {
        return Args.PciClass.parse(text.isEmpty() ? Args.PciClass.ABSENT : text);
    }

    static Args.PciIds ids(String text) {
        return Args.PciIds.parse(text.isEmpty() ? Args.PciIds.ABSENT : text);
    }

    static Args.BridgeBdf below(String text) {
        return Args.BridgeBdf.parse(text.isEmpty() ? Args.BridgeBdf.ABSENT : text);
    }

    static Args.PciAddresses at(String text) {
        return Args.PciAddresses.parse(text);
    }

    static Args.DriverName drv(String text) {
        return Args.DriverName.parse(text);
    }

    private List<String> driven(String driver) {
        return lab.machine.pci().devices().stream().filter(d -> d.driver().filter(driver::equals).isPresent())
                .map(PciDevice::bdf).map(Bdf::toString).toList();
    }
}
