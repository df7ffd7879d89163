package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.LogLine;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.vfio.api.VfioRegion;

/**
 * A function that does not come back from D3cold (fault point d3cold_exit), on 6.1: what the PCI
 * core, the bridge's wait for its secondary bus and vfio-pci do next, what the user's open and
 * accesses see, and that every usage count ends where the ledger says.
 */
class D3coldExitFailureTest {

    private static final long MS = 1_000_000L;

    private static List<String> log(Rig r) {
        return r.m.log().lines().stream().map(LogLine::text).toList();
    }

    private static Rig sharedSlot() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        r.m.faults().add(new Fault(EP.toString(), "d3cold_exit", Errno.EIO.negative(), false));
        return r;
    }

    /**
     * The function and its root port share the slot's power resource: it loses power only with
     * the port, so the port's resume is what waits for it — and gives up on the whole bus.
     */
    @Test
    void theBridgeWaitGivesUpAfter65sMarksTheBusDisconnectedAndTheOpenFailsWithEnodev() {
        Rig r = sharedSlot();
        long t0 = r.m.clock().nanoTime();

        int fd = r.user.open(EP);

        assertThat(fd).isEqualTo(Errno.ENODEV.negative());
        assertThat(log(r)).containsSubsequence(
                "vfio-pci 0000:01:00.0: not ready 1023ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 2047ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 4095ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 8191ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 16383ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 32767ms after resume; waiting",
                "vfio-pci 0000:01:00.0: not ready 65535ms after resume; giving up");
        // a disconnected function gets no "Unable to change power state" line: pci_power_up returns first
        assertThat(log(r)).noneMatch(l -> l.contains("Unable to change power state"));
        // 100 ms d3cold_delay, then the doubling poll (1 + 2 + ... + 32768 ms)
        assertThat(r.m.clock().nanoTime() - t0).isGreaterThanOrEqualTo((100 + 65535) * MS);
        assertThat(r.dev(EP).disconnected()).isTrue();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(EP).config().pmcsr()).isEqualTo(0xffff);
        r.settle();
        // the open gave back its reference; the function suspended again, the port too
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.info(EP).openCount()).isZero();
        // pci:why says what happened and what would bring it back
        assertThat(r.m.pci().why(EP).get(0).lines()).anySatisfy(l -> assertThat(l.toString())
                .startsWith("pci_dev_set_disconnected: pci_bridge_wait_for_secondary_bus gave up"));
    }

    @Test
    void onceDisconnectedEveryFurtherOpenFailsAtOnceAndTheCountsStayBalanced() {
        Rig r = sharedSlot();
        assertThat(r.user.open(EP)).isEqualTo(Errno.ENODEV.negative());
        r.settle();
        long t = r.m.clock().nanoTime();
        assertThat(r.user.open(EP)).isEqualTo(Errno.ENODEV.negative());
        // no second minute of waiting: pci_dev_wait returns at once for a disconnected function
        // (what remains is the resets' own delays, the bus reset's 1 s among them)
        assertThat(r.m.clock().nanoTime() - t).isLessThan(2_000 * MS);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    /** A function with a power resource of its own loses power while its port stays up. */
    private static Topology ownResource() {
        PmCapability portPm = new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD));
        DeviceSpec rp = new DeviceSpec(RP, null, 0x060400, 0x8086, 0x7ab8, PortType.ROOT_PORT, portPm, null, HotplugKind.NONE,
                false, false, false, new AcpiDeviceSpec("\\_SB.PCI0.RP01", true, true, false, List.of(), List.of(), null,
                        false, false, false), null, "PCI bridge: root port");
        DeviceSpec ep = new DeviceSpec(EP, RP, 0x030200, 0x10de, 0x2236, PortType.ENDPOINT, PmCapability.basic(false), null,
                HotplugKind.NONE, false, true, false, new AcpiDeviceSpec("\\_SB.PCI0.RP01.GPU0", true, true, false,
                        List.of("PGPU"), List.of("PGPU"), null, false, false, false), null, "3D controller");
        return new Topology("own resource", new PlatformSpec("test", 2019), List.of(new PowerResourceSpec("PGPU", true)),
                List.of(rp, ep));
    }

    @Test
    void aloneInD3coldItIsFoundInaccessibleByPciPowerUpAndTheOpenSucceedsReadingAllOnes() {
        Rig r = Rig.boot(ownResource(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        // the port has no _PR3: it stays in D3hot while the GPU's own resource is off
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        r.m.faults().add(new Fault(EP.toString(), "d3cold_exit", Errno.EIO.negative(), true));

        int fd = r.user.open(EP);

        assertThat(fd).isGreaterThanOrEqualTo(3);
        assertThat(log(r)).contains("vfio-pci 0000:01:00.0: Unable to change power state from D3cold to D0, device inaccessible",
                "vfio-pci 0000:01:00.0: timed out waiting for pending transaction; performing function level reset anyway",
                "vfio-pci 0000:01:00.0: not ready 65535ms after FLR; giving up");
        assertThat(r.dev(EP).disconnected()).isFalse();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.info(EP).resetWorks()).isFalse();
        // the user's reads see a dead function
        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(r.dev(EP).config().command()).isEqualTo(0xffff);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();

        assertThat(r.user.close(fd)).isZero();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();

        // it never gets another power cycle: its runtime suspend finds current_state already D3cold,
        // so pci_set_power_state returns at once and the platform never cuts PGPU again
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(Firmwares.resource(r.m, "PGPU").on()).isTrue();
        assertThat(Firmwares.resource(r.m, "PGPU").users()).containsExactly(EP.toString());
        assertThat(r.dev(EP).config().pmcsr()).isEqualTo(0xffff);
        assertThat(r.m.faults().list()).isEmpty();
    }
}
