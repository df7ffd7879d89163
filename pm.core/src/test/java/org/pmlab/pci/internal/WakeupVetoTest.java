package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.pci.internal.TestTopologies.RP;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;

/**
 * The bridge veto of pci_dev_check_d3cold for a wake-enabled child that cannot signal PME from
 * D3cold, recomputed exactly when pci_bridge_d3_update runs (drivers/pci/pci.c; observed on 6.1 with
 * e1000e under QEMU): enabling wake-up vetoes nothing until d3cold_allowed is written; then the
 * port stays active; disabling wake-up and writing again lets it suspend.
 */
class WakeupVetoTest {

    static final Bdf NIC = Bdf.parse("0000:01:00.0");

    private static Topology rootPortWithNic() {
        DeviceSpec nic = new DeviceSpec(NIC, RP, 0x020000, 0x8086, 0x10d3, PortType.ENDPOINT,
                new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT)), null, HotplugKind.NONE,
                false, true, false, null, null, "Ethernet controller");
        return new Topology("rp+e1000e", new PlatformSpec("test", 2022), List.of(),
                List.of(TestTopologies.port(RP, null, PortType.ROOT_PORT, HotplugKind.NONE, null), nic));
    }

    @Test
    void aWakeEnabledChildWithoutPmeFromD3coldKeepsItsBridgeActiveOnlyAfterTheNextRecompute() {
        PciFixture f = new PciFixture(rootPortWithNic());

        // e1000e enables wake-up at probe and leaves it enabled when unbound
        assertThat(f.m.pci().setDriverOverride(NIC, "e1000e")).isZero();
        assertThat(f.m.pci().bind(NIC, "e1000e")).isZero();
        assertThat(f.m.pci().unbind(NIC)).isZero();
        assertThat(f.dev(NIC).wakeupEnabled()).isTrue();
        assertThat(f.dev(RP).bridgeD3()).as("power/wakeup changes do not recompute bridge_d3").isTrue();

        f.bindTestDriver(NIC);
        assertThat(f.state(NIC)).isEqualTo(PowerState.D3HOT);
        assertThat(f.state(RP)).as("the cached verdict still lets the port go down").isEqualTo(PowerState.D3HOT);

        // a d3cold_allowed write runs pci_bridge_d3_update: now the veto holds
        assertThat(f.m.pci().setD3coldAllowed(NIC, true)).isZero();
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.pm(NIC).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.pm(RP).runtimeStatus()).isEqualTo("active");
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(f.m.runtimePm().idle(f.dev(RP).pm())).as("pcie_port_runtime_idle vetoes").isEqualTo(Errno.EBUSY.negative());

        // wake-up off alone changes nothing; the next write lifts the veto
        assertThat(f.m.pci().setWakeup(NIC, false)).isZero();
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isFalse();
        assertThat(f.m.pci().setD3coldAllowed(NIC, true)).isZero();
        f.settle();
        assertThat(f.dev(RP).bridgeD3()).isTrue();
        assertThat(f.state(RP)).isEqualTo(PowerState.D3HOT);
        Ledger.of(f).expect(NIC, 0, 0, "suspended").expect(RP, 0, 0, "suspended").expect("pci0000:00", 0, 0, "unsupported")
                .check();
    }
}
