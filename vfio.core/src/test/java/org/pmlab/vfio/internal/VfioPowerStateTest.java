package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.VfioRegion;

/**
 * vfio's own D-state helper and the user's PMCSR writes ({@code vfio_pci_set_power_state}), BAR access in
 * D3hot, and the 6.1 runtime callbacks' D0-first step and INTx masking ({@code vfio_pci_core_runtime_suspend}).
 */
class VfioPowerStateTest {

    private static final int EIO = -5;
    private static final int EINVAL = -22;

    @Test
    void noSoftResetMinusIsRecordedAtBind() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        assertThat(r.info(EP).needsPmRestore()).isTrue();
        Rig s = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(Topologies.EP1);
        assertThat(s.info(Topologies.EP1).needsPmRestore()).isFalse();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void userD3hotIsNativeAndPmSaveBringsTheConfigurationBack() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.settle();
        ConfigRegisters before = r.dev(EP).config();
        assertThat(r.user.writePowerState(fd, PowerState.D3HOT)).isEqualTo(2);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.core(EP).pmSave).isNotNull();
        r.settle();
        assertThat(r.pm(EP).runtimeStatus()).isEqualTo("active");
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.user.regionRead(fd, VfioRegion.BAR0)).as("BAR access blocked in D3hot").isEqualTo(EIO);
        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(r.user.writePowerState(fd, PowerState.D0)).isEqualTo(2);
        // NoSoftRst-: D3hot to D0 reset the function; vfio's pm_save restored command and BARs
        ConfigRegisters after = r.dev(EP).config();
        assertThat(after.command()).isEqualTo(before.command());
        assertThat(after.bars()).isEqualTo(before.bars());
        assertThat(r.core(EP).pmSave).isNull();
        assertThat(r.user.regionRead(fd, VfioRegion.BAR0)).isEqualTo(4);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void legacyDoesNotBlockBarAccessInD3hot() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        int fd = r.open(EP);
        r.user.writePowerState(fd, PowerState.D3HOT);
        assertThat(r.user.regionRead(fd, VfioRegion.BAR0)).isEqualTo(4);
        r.settle();
        r.ledger().expect(EP, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void regionIndexesOutsideTheDevicesRegionsAreEinval() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.regionRead(fd, -1)).isEqualTo(EINVAL);
        assertThat(r.user.regionRead(fd, VfioRegion.ROM)).isEqualTo(EINVAL);
        assertThat(r.user.regionRead(fd, VfioRegion.VGA)).isEqualTo(EINVAL);
        assertThat(r.user.regionRead(fd, 1)).as("BAR1 is not implemented").isEqualTo(EINVAL);
        assertThat(r.user.writePowerState(fd, PowerState.D3COLD)).isEqualTo(EINVAL);
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").check();
    }

    @Test
    void closeUndoesAUserD3hotBeforeTheFunctionReset() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.user.writePowerState(fd, PowerState.D3HOT);
        r.user.close(fd);
        assertThat(r.info(EP).needsReset()).as("the reset at close worked from D0").isFalse();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void runtimeSuspendBringsAUserD3hotToD0FirstSoTheCoreSavesAGoodState() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.settle();
        ConfigRegisters before = r.dev(EP).config();
        r.user.writePowerState(fd, PowerState.D3HOT);
        r.m.trace().enable(true);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        assertThat(r.m.trace().records()).anyMatch(t -> t.event().equals("pci_power_state")
                && t.text().equals(EP + " D3hot -> D0"));
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.user.lowPowerExit(fd)).isZero();
        r.settle();
        ConfigRegisters after = r.dev(EP).config();
        assertThat(after.command()).isEqualTo(before.command());
        assertThat(after.bars()).isEqualTo(before.bars());
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void runtimeSuspendMasksIntxAndResumeUnmasksWhatItMasked() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.setIrqs(fd, IrqType.INTX)).isZero();
        assertThat(r.user.setIrqs(fd, IrqType.MSI)).as("another type is enabled").isEqualTo(EINVAL);
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.info(EP).pmIntxMasked()).isTrue();
        assertThat(r.info(EP).intxMasked()).isTrue();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        r.user.lowPowerExit(fd);
        assertThat(r.info(EP).intxMasked()).isFalse();
        assertThat(r.dev(EP).config().command() & ConfigRegisters.COMMAND_INTX_DISABLE).isZero();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void anIntxTheUserMaskedStaysMaskedAcrossSuspendAndResume() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.user.setIrqs(fd, IrqType.INTX);
        assertThat(r.user.maskIntx(fd, true)).isZero();
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.info(EP).pmIntxMasked()).isFalse();
        r.user.lowPowerExit(fd);
        assertThat(r.info(EP).intxMasked()).isTrue();
        r.user.close(fd);
        assertThat(r.info(EP).irqType()).isEqualTo(IrqType.NONE);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void msiIsNotTouchedBySuspend() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.user.setIrqs(fd, IrqType.MSI);
        assertThat(r.user.maskIntx(fd, true)).isEqualTo(EINVAL);
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.info(EP).pmIntxMasked()).isFalse();
        assertThat(r.info(EP).irqType()).isEqualTo(IrqType.MSI);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void lowPowerFeatureIsUnknownBefore61AndEntryTwiceIsEinval() {
        Rig old = Rig.boot(Topologies.rpEp(), KernelVersion.V6_0).bound(EP);
        int fd = old.open(EP);
        assertThat(old.user.lowPowerEntry(fd)).isEqualTo(-25);
        assertThat(old.user.lowPowerExit(fd)).isEqualTo(-25);
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        assertThat(r.user.lowPowerEntry(fd)).isEqualTo(EINVAL);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void deviceResetNeedsResetWorksAndLeavesNeedsResetAlone() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.user.writePowerState(fd, PowerState.D3HOT);
        assertThat(r.user.reset(fd)).isZero();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        Rig s = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(Topologies.EP1);
        int f = s.open(Topologies.EP1);
        assertThat(s.user.reset(f)).as("no function reset for this function").isEqualTo(EINVAL);
        s.settle();
        // the two functions left unbound keep the PCI default (forbidden, active), so RP counts them
        s.ledger().expect(Topologies.EP1, 1, 0, "active").expect(Topologies.EP2, 1, 0, "active")
                .expect(Topologies.EP3, 1, 0, "active").expect(RP, 0, 3, "active").check();
    }
}
