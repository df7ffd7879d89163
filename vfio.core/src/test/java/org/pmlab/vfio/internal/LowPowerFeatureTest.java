package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.MmapAccess;
import org.pmlab.vfio.api.VfioFeature;
import org.pmlab.vfio.api.VfioRegion;

/**
 * Scenarios E1-E12, B5 and F4: the low-power features of 6.1 on an open device
 * (docs/scenarios.md, E; the ledger of docs/vfio-usage-ledger.md).
 */
class LowPowerFeatureTest {

    private static final int EINVAL = -22;
    private static final int EFAULT = -14;
    private static final int EBADF = -9;

    /** FW-A: an open EP below RP, both with ACPI companions sharing PSLT. */
    private static Rig openAcpi() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        r.open(EP);
        r.settle();
        return r;
    }

    private static int fd(Rig r) {
        return r.user.fds(EP).get(0);
    }

    private static List<String> powerChanges(Rig r) {
        return r.m.trace().records().stream().filter(t -> t.event().equals("pci_power_state"))
                .map(TraceRecord::text).toList();
    }

    @Test
    void e1EntrySuspendsTheOpenDeviceAndItsPortToD3coldAndMasksAnUnmaskedIntx() {
        Rig r = openAcpi();
        int fd = fd(r);
        assertThat(r.user.setIrqs(fd, IrqType.INTX)).isZero();
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        assertThat(r.info(EP).pmRuntimeEngaged()).isTrue();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(Firmwares.resource(r.m, "PSLT").refCount()).isZero();
        assertThat(r.info(EP).pmIntxMasked()).isTrue();
        assertThat(r.info(EP).intxMasked()).isTrue();
        assertThat(r.info(EP).openCount()).isEqualTo(1);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e1AnIntxTheUserMaskedIsNotRecordedAsMaskedBySuspend() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.setIrqs(fd, IrqType.INTX);
        r.user.maskIntx(fd, true);
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.info(EP).pmIntxMasked()).isFalse();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        assertThat(r.info(EP).intxMasked()).as("resume leaves the user's mask alone").isTrue();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e2SecondEntryIsEinvalAfterResumingForTheIoctlAndTheDeviceSuspendsAgain() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.lowPowerEntry(fd);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.lowPowerEntry(fd)).isEqualTo(EINVAL);
        assertThat(powerChanges(r)).contains(EP + " D3cold -> D0");
        assertThat(r.info(EP).pmRuntimeEngaged()).isTrue();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e3AMappedBarAccessWhileEngagedIsSigbusAndDoesNotResume() {
        Rig r = openAcpi();
        int fd = fd(r);
        int map = r.user.mmap(fd, VfioRegion.BAR0);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.DONE);
        assertThat(r.core(EP).vmaList()).hasSize(1);
        r.user.lowPowerEntry(fd);
        assertThat(r.core(EP).vmaList()).as("entry zapped the mapping").isEmpty();
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.mmapAccess(map)).isEqualTo(MmapAccess.SIGBUS);
        assertThat(r.user.mmapAccess(r.user.mmap(fd, VfioRegion.BAR0))).as("a fresh mapping too")
                .isEqualTo(MmapAccess.SIGBUS);
        assertThat(powerChanges(r)).isEmpty();
        assertThat(r.pm(EP).runtimeStatus()).isEqualTo("suspended");
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.user.lowPowerExit(fd);
        assertThat(r.user.mmapAccess(map)).as("faults in again after exit").isEqualTo(MmapAccess.DONE);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e4AnyIoctlOrRegionAccessResumesForItsDurationOnly() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.lowPowerEntry(fd);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.getInfo(fd)).isZero();
        assertThat(r.user.deviceFeature(fd, VfioFeature.HEADER_SIZE,
                VfioFeature.PROBE | VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY, new byte[0])).isZero();
        assertThat(r.user.regionWrite(fd, VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(powerChanges(r)).filteredOn(t -> t.startsWith(EP.toString())).contains(EP + " D3cold -> D0");
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        // an access in flight holds the device active; it suspends once the access ends
        int token = r.user.holdMemoryLock(fd);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        assertThat(r.user.releaseMemoryLock(token)).isZero();
        r.settle();
        assertThat(r.info(EP).pmRuntimeEngaged()).isTrue();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e5ExitBringsDeviceAndPortBackToD0WithTheOpenReference() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e6ExitWhenNotEngagedChangesNothing() {
        Rig r = openAcpi();
        r.m.trace().enable(true);
        assertThat(r.user.lowPowerExit(fd(r))).isZero();
        r.settle();
        assertThat(powerChanges(r)).isEmpty();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e7WakeupSignalsOnceOnTheFirstAccessAndLeavesTheDeviceActive() {
        Rig r = openAcpi();
        int fd = fd(r);
        int efd = r.user.eventfd();
        EventFdCtx ctx = r.drv.user.eventfdCtx(efd);
        assertThat(r.user.lowPowerEntryWithWakeup(fd, efd)).isZero();
        assertThat(ctx.refs()).as("vfio holds the context").isEqualTo(2);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.info(EP).pmWakeEventfd()).isTrue();
        assertThat(r.user.eventfdCount(efd)).isZero();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();

        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(r.user.eventfdCount(efd)).isEqualTo(1);
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        assertThat(ctx.refs()).as("exit gave the context back").isEqualTo(1);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();

        assertThat(r.user.getInfo(fd)).isZero();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        r.settle();
        assertThat(r.user.eventfdCount(efd)).as("no further signals").isEqualTo(1);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e7ExitAsTheFirstAccessIsWhatSignals() {
        Rig r = openAcpi();
        int fd = fd(r);
        int efd = r.user.eventfd();
        r.user.lowPowerEntryWithWakeup(fd, efd);
        r.settle();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        assertThat(r.user.eventfdCount(efd)).isEqualTo(1);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e8BadWakeupArgumentsFailInTheHandlersOrderAndTakeNothing() {
        Rig r = openAcpi();
        int fd = fd(r);
        int efd = r.user.eventfd();
        EventFdCtx ctx = r.drv.user.eventfdCtx(efd);
        int flags = VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP;
        int argsz = VfioFeature.HEADER_SIZE + VfioFeature.WAKEUP_PAYLOAD_SIZE;
        assertThat(r.user.lowPowerEntryWithWakeup(fd, -1)).isEqualTo(EINVAL);
        assertThat(r.user.deviceFeature(fd, argsz - 1, flags, VfioFeature.wakeupPayload(efd)))
                .as("payload shorter than the structure").isEqualTo(EINVAL);
        assertThat(r.user.deviceFeature(fd, argsz, flags, null)).as("unmapped pointer").isEqualTo(EFAULT);
        assertThat(r.user.deviceFeature(fd, argsz, flags, new byte[4])).as("half mapped").isEqualTo(EFAULT);
        assertThat(r.user.deviceFeature(fd, argsz - 1, flags, null)).as("the size is checked first")
                .isEqualTo(EINVAL);
        assertThat(r.user.lowPowerEntryWithWakeup(fd, fd)).as("a vfio fd is no eventfd").isEqualTo(EINVAL);
        assertThat(r.user.lowPowerEntryWithWakeup(fd, 99)).as("not open").isEqualTo(EBADF);
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        assertThat(ctx.refs()).isEqualTo(1);
        // an entry refused because already engaged gives the context it looked up back
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        assertThat(r.user.lowPowerEntryWithWakeup(fd, efd)).isEqualTo(EINVAL);
        assertThat(ctx.refs()).isEqualTo(1);
        assertThat(r.info(EP).pmWakeEventfd()).isFalse();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e9GetIsEinvalAndProbeWithSetIsZeroForEachFeatureWithoutEngaging() {
        Rig r = openAcpi();
        int fd = fd(r);
        for (int f : new int[] {VfioFeature.LOW_POWER_ENTRY, VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP,
            VfioFeature.LOW_POWER_EXIT}) {
            String name = VfioFeature.name(f);
            assertThat(r.user.deviceFeature(fd, 64, VfioFeature.GET | f, new byte[56])).as(name).isEqualTo(EINVAL);
            assertThat(r.user.deviceFeature(fd, 8, VfioFeature.PROBE | VfioFeature.SET | f, null)).as(name).isZero();
            assertThat(r.user.deviceFeature(fd, 8, VfioFeature.PROBE | VfioFeature.GET | f, null)).as(name)
                    .isEqualTo(EINVAL);
            assertThat(r.user.deviceFeature(fd, 8, VfioFeature.PROBE | f, null)).as(name).isZero();
            assertThat(r.user.deviceFeature(fd, 8, f, null)).as(name + ": neither GET nor SET").isEqualTo(EINVAL);
        }
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void e10CloseWhileEngagedEndsCleanlyWithoutSignallingOrLeaking() {
        Rig r = openAcpi();
        int fd = fd(r);
        int efd = r.user.eventfd();
        EventFdCtx ctx = r.drv.user.eventfdCtx(efd);
        r.user.lowPowerEntryWithWakeup(fd, efd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.m.trace().enable(true);
        assertThat(r.user.close(fd)).isZero();
        assertThat(powerChanges(r)).as("resumed for the close").contains(EP + " D3cold -> D0");
        assertThat(r.user.eventfdCount(efd)).as("exit forgot the eventfd before the resume").isZero();
        assertThat(ctx.refs()).isEqualTo(1);
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        assertThat(r.info(EP).openCount()).isZero();
        assertThat(r.info(EP).needsReset()).isFalse();
        assertThat(r.dev(EP).enableCount()).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.user.close(efd)).isZero();
        assertThat(ctx.refs()).isZero();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e11WithoutD3coldFirmwareEntryReachesD3hot() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1, Firmwares.nod3cold(), false).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void e12AUserD3hotIsUndoneBySuspendWhichRestoresPmSaveBeforeD3cold() {
        Rig r = openAcpi();
        int fd = fd(r);
        ConfigRegisters before = r.dev(EP).config();
        assertThat(r.info(EP).needsPmRestore()).as("NoSoftRst-").isTrue();
        r.user.writePowerState(fd, PowerState.D3HOT);
        assertThat(r.core(EP).pmSave).isNotNull();
        r.m.trace().enable(true);
        r.user.lowPowerEntry(fd);
        r.settle();
        // D0 first (vfio), then the PCI core's D3hot and the platform's D3cold
        assertThat(powerChanges(r)).containsSubsequence(EP + " D3hot -> D0", EP + " D0 -> D3hot",
                EP + " D3hot -> D3cold");
        assertThat(r.core(EP).pmSave).as("restored by the D0 step").isNull();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.user.lowPowerExit(fd);
        ConfigRegisters after = r.dev(EP).config();
        assertThat(after.command()).isEqualTo(before.command());
        assertThat(after.bars()).isEqualTo(before.bars());
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void b5ConfigReadWhileEngagedResumesPortThenDeviceAndBothGoBackToD3cold() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.lowPowerEntry(fd);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(powerChanges(r)).startsWith(RP + " D3cold -> D0", EP + " D3cold -> D0");
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void f4WakeupEntryWithDisableIdleD3DropsTheBindReferenceAndTheWakeTakesItBack() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), true).bound(EP);
        int fd = r.open(EP);
        int efd = r.user.eventfd();
        r.ledger().expect(EP, 1, 0, "active").check();
        assertThat(r.user.lowPowerEntryWithWakeup(fd, efd)).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3COLD);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.user.getInfo(fd)).isZero();
        assertThat(r.user.eventfdCount(efd)).isEqualTo(1);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void aFirmwareSwapKeepsAPlainEntryEngagedButIsTheFirstResumeOfAWakeupEntry() {
        Rig r = openAcpi();
        int fd = fd(r);
        r.user.lowPowerEntry(fd);
        r.settle();
        r.m.firmware().swap(Firmwares.nod3cold());
        r.settle();
        assertThat(r.info(EP).pmRuntimeEngaged()).isTrue();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();

        r.user.lowPowerExit(fd);
        int efd = r.user.eventfd();
        r.user.lowPowerEntryWithWakeup(fd, efd);
        r.settle();
        r.m.firmware().swap(Firmwares.acpiSim());
        r.settle();
        // the swap brings every powered-down device back through the old firmware: a resume
        assertThat(r.user.eventfdCount(efd)).isEqualTo(1);
        assertThat(r.info(EP).pmRuntimeEngaged()).isFalse();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }
}
