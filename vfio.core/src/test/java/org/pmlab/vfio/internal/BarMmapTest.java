package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.MmapAccess;
import org.pmlab.vfio.api.VfioRegion;

/**
 * User mappings of BARs ({@code vfio_pci_core_mmap}): mmap takes no runtime PM reference, a fault populates the
 * mapping or refuses it with SIGBUS, every path that lowers power or resets zaps the
 * mappings, and a mapping keeps the device file open.
 */
class BarMmapTest {

    private static final int EINVAL = -22;
    private static final int EBADF = -9;

    private static Rig open61() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        r.open(EP);
        r.settle();
        return r;
    }

    @Test
    void onlyImplementedBarsCanBeMappedAndAnUnmappedAddressIsSigsegv() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        assertThat(r.user.mmap(fd, 1)).as("BAR1 not implemented").isEqualTo(EINVAL);
        assertThat(r.user.mmap(fd, VfioRegion.ROM)).isEqualTo(EINVAL);
        assertThat(r.user.mmap(fd, VfioRegion.CONFIG)).isEqualTo(EINVAL);
        assertThat(r.user.mmap(99, VfioRegion.BAR0)).isEqualTo(EBADF);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(map).isPositive();
        assertThat(r.core(EP).vmaList()).as("populated on first access only").isEmpty();
        assertThat(r.user.munmap(map)).isZero();
        assertThat(r.user.munmap(map)).isZero();
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.SIGSEGV);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void mmapOfAnEngagedDeviceDoesNotResumeIt() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        r.user.lowPowerEntry(fd);
        r.settle();
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(map).isPositive();
        assertThat(r.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.SIGBUS);
        r.user.munmap(map);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void aUserD3hotZapsAndRefusesTheFaultUntilD0() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        r.user.writePowerState(fd, PowerState.D3HOT);
        assertThat(r.core(EP).vmaList()).isEmpty();
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.SIGBUS);
        r.user.writePowerState(fd, PowerState.D0);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void beforeTheLockedPmcsrPathAUserD3hotLeavesAPopulatedMappingAlone() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        int fd = r.open(EP);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        r.user.writePowerState(fd, PowerState.D3HOT);
        assertThat(r.core(EP).vmaList()).hasSize(1);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        r.settle();
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void deviceResetAndHotResetZapTheMappings() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        r.user.mmapAccess(map);
        assertThat(r.user.reset(fd)).isZero();
        assertThat(r.core(EP).vmaList()).isEmpty();
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        assertThat(r.user.hotReset(fd)).isZero();
        assertThat(r.core(EP).vmaList()).isEmpty();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void aMappingKeepsTheDeviceOpenAfterItsFdIsClosed() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(r.user.close(fd)).isZero();
        assertThat(r.user.fds(EP)).isEmpty();
        assertThat(r.info(EP).openCount()).isEqualTo(1);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        assertThat(r.user.munmap(map)).isZero();
        assertThat(r.info(EP).openCount()).isZero();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void unbindingAMappedEngagedDeviceGivesEverythingBack() {
        Rig r = open61();
        int fd = r.user.fds(EP).get(0);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        r.user.mmapAccess(map);
        int efd = r.user.eventfd();
        r.user.lowPowerEntryWithWakeup(fd, efd);
        r.settle();
        assertThat(r.m.pci().unbind(EP)).isZero();
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.SIGSEGV);
        assertThat(r.user.fds(EP)).isEmpty();
        assertThat(r.drv.user.eventfdCtx(efd).refs()).isEqualTo(1);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }
}
