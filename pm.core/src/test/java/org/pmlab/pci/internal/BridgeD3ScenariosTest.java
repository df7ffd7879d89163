package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.pci.internal.TestTopologies.EP;
import static org.pmlab.pci.internal.TestTopologies.RP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;

/** Scenarios H of docs/scenarios.md that need no firmware: when a bridge may follow its child to D3. */
class BridgeD3ScenariosTest {

    private static Topology withPort(DeviceSpec port, int biosYear, DeviceSpec... below) {
        List<DeviceSpec> d = new ArrayList<>();
        d.add(port);
        d.addAll(List.of(below));
        return new Topology("t", new PlatformSpec("test", biosYear), List.of(), d);
    }

    private static DeviceSpec rootPort(HotplugKind hp) {
        return TestTopologies.port(RP, null, PortType.ROOT_PORT, hp, null);
    }

    @Test
    void h1PortPmOffKeepsTheRootPortInD0WhileTheDeviceSleeps() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022), PciePortPm.OFF, null).bindTestDriver(EP);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");
    }

    @Test
    void h2ForceAllowsD3OnAnOldBiosButNotForAFirmwareHandledHotplugPort() {
        PciFixture old = new PciFixture(TestTopologies.rootPortWithGpu(2010), PciePortPm.FORCE, null).bindTestDriver(EP);
        assertThat(old.state(RP)).isEqualTo(PowerState.D3HOT);

        Topology fwHotplug = withPort(rootPort(HotplugKind.FIRMWARE), 2022, TestTopologies.endpoint(EP, RP, false, null));
        PciFixture hp = new PciFixture(fwHotplug, PciePortPm.FORCE, null).bindTestDriver(EP);
        assertThat(hp.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(hp.state(RP)).isEqualTo(PowerState.D0);
        assertThat(hp.pm(RP).control()).isEqualTo("on");
        assertThat(hp.pm(RP).usageCount()).isEqualTo(2);
    }

    @Test
    void h4NativeHotplugPortIsRefusedWithoutForceAndAllowedWithIt() {
        Topology t = withPort(rootPort(HotplugKind.NATIVE), 2022, TestTopologies.endpoint(EP, RP, false, null));
        PciFixture plain = new PciFixture(t).bindTestDriver(EP);
        assertThat(plain.state(RP)).isEqualTo(PowerState.D0);
        assertThat(plain.pm(RP).usageCount()).isEqualTo(2);
        assertThat(plain.pm(RP).control()).isEqualTo("on");

        PciFixture forced = new PciFixture(t, PciePortPm.FORCE, null).bindTestDriver(EP);
        assertThat(forced.state(RP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void h5AnUnboundSiblingKeepsThePortInD0() {
        Bdf sibling = Bdf.parse("0000:01:00.1");
        Topology t = withPort(rootPort(HotplugKind.NONE), 2022, TestTopologies.endpoint(EP, RP, false, null),
                TestTopologies.endpoint(sibling, RP, false, null));
        PciFixture f = new PciFixture(t).bindTestDriver(EP);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.pm(sibling).runtimeStatus()).isEqualTo("active");
        assertThat(f.pm(sibling).usageCount()).isEqualTo(1);
        assertThat(f.pm(RP).activeKids()).isEqualTo(1);
    }

    @Test
    void h8BridgeD3IsCachedUntilTheNextD3coldAllowedWrite() {
        DeviceSpec ep = new DeviceSpec(EP, RP, 0x020000, 0x8086, 0x10d3, PortType.ENDPOINT,
                new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT)), null, HotplugKind.NONE,
                false, true, false, null, null, "e1000e");
        PciFixture f = new PciFixture(withPort(rootPort(HotplugKind.NONE), 2019, ep)).bindTestDriver(EP);
        assertThat(f.dev(RP).bridgeD3()).isTrue();
        assertThat(f.state(RP)).isEqualTo(PowerState.D3HOT);

        // wake-up enabled on a device without PME from D3cold: nothing is recomputed
        assertThat(f.m.pci().setWakeup(EP, true)).isZero();
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isTrue();
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("suspended");

        // a d3cold_allowed write re-evaluates: the wake-up veto now holds the port in D0
        assertThat(f.m.pci().setD3coldAllowed(EP, false)).isZero();
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(f.pm(RP).usageCount()).isZero();
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);

        // writing 1 back does not help while wake-up stays enabled
        f.m.pci().setD3coldAllowed(EP, true);
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");

        // wake-up disabled, then another write: the port suspends again
        f.m.pci().setWakeup(EP, false);
        f.m.pci().setD3coldAllowed(EP, true);
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isTrue();
        assertThat(f.state(RP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void h9AnEmptyPortWithoutPmCapabilityStaysActiveAndOneWithItSuspends() {
        DeviceSpec noCap = new DeviceSpec(RP, null, 0x060400, 0x1b36, 0x000c, PortType.ROOT_PORT, null, null,
                HotplugKind.NONE, false, false, false, null, null, "QEMU PCIe Root port");
        PciFixture bare = new PciFixture(withPort(noCap, 2022));
        assertThat(bare.pm(RP).control()).isEqualTo("auto");
        assertThat(bare.pm(RP).usageCount()).isZero();
        assertThat(bare.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(bare.dev(RP).d3coldAllowed()).isFalse();

        PciFixture withCap = new PciFixture(withPort(rootPort(HotplugKind.NONE), 2022));
        assertThat(withCap.pm(RP).runtimeStatus()).isEqualTo("suspended");
        assertThat(withCap.state(RP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void portWithoutPmCapabilitySuspendsLogicallyButStaysInD0() {
        DeviceSpec noCap = new DeviceSpec(RP, null, 0x060400, 0x1b36, 0x000c, PortType.ROOT_PORT, null, null,
                HotplugKind.NONE, false, false, false, null, null, "QEMU PCIe Root port");
        PciFixture f = new PciFixture(withPort(noCap, 2022, TestTopologies.endpoint(EP, RP, false, null))).bindTestDriver(EP);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
    }
}
