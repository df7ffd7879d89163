package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.PF;
import static org.pmlab.vfio.internal.Topologies.RP;
import static org.pmlab.vfio.internal.Topologies.VF0;
import static org.pmlab.vfio.internal.Topologies.VF1;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;

/** Scenarios D1-D8: SR-IOV on a PF bound to vfio-pci (docs/scenarios.md, D). */
class SriovTest {

    private static final int EIO = -5;
    private static final int ENOMEM = -12;
    private static final int EBUSY = -16;
    private static final int EINVAL = -22;

    private static Rig pfBound(KernelVersion k) {
        return Rig.boot(Topologies.rpPf(), k).bound(PF);
    }

    @Test
    void d1EnablingVfsResumesThePfAndHoldsItWhileVfsExist() {
        Rig r = pfBound(KernelVersion.V6_1);
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isZero();
        r.settle();
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        for (var vf : new org.pmlab.hw.api.Bdf[] {VF0, VF1}) {
            PciDevice d = r.dev(vf);
            assertThat(d.isVirtfn()).isTrue();
            assertThat(d.upstreamBridge()).map(PciDevice::bdf).contains(RP);
            assertThat(d.driverOverride()).contains("vfio-pci");
            assertThat(d.driver()).contains("vfio-pci");
            assertThat(r.info(vf).devSet()).isEqualTo("dev:" + vf);
        }
        assertThat(r.info(PF).sriovActive()).isTrue();
        assertThat(r.m.log().lines()).anyMatch(l -> l.text().contains("Captured SR-IOV VF " + VF0));
        r.ledger().expect(PF, 1, 0, "active").expect(VF0, 0, 0, "suspended").expect(VF1, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void d2DisablingVfsDropsThePfReferenceAndEverythingSuspends() {
        Rig r = pfBound(KernelVersion.V6_1);
        r.m.pci().setSriovNumVfs(PF, 2);
        r.settle();
        assertThat(r.m.pci().setSriovNumVfs(PF, 0)).isZero();
        r.settle();
        assertThat(r.m.pci().find(VF0)).isEmpty();
        assertThat(r.info(PF).sriovActive()).isFalse();
        assertThat(r.drv.sriov.listed(r.core(PF))).isFalse();
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(PF, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void d3DisablingTwiceDoesNotPutAgainNorDoesUnbind() {
        Rig r = pfBound(KernelVersion.V6_1);
        r.m.pci().setSriovNumVfs(PF, 2);
        r.m.pci().setSriovNumVfs(PF, 0);
        r.settle();
        assertThat(r.drv.sriovConfigure(r.dev(PF), 0)).isZero();
        r.settle();
        r.ledger().expect(PF, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.m.pci().unbind(PF)).isZero();
        r.settle();
        assertThat(r.pm(PF).control()).isEqualTo("on");
        r.ledger().expect(PF, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void unbindWithVfsEnabledDisablesThemAndBalances() {
        Rig r = pfBound(KernelVersion.V6_1);
        r.m.pci().setSriovNumVfs(PF, 2);
        r.settle();
        assertThat(r.m.pci().unbind(PF)).isZero();
        r.settle();
        assertThat(r.dev(PF).numVfs()).isZero();
        r.ledger().expect(PF, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void d4EnablingWhileOnTheListIsEinvalWithoutCountChange() {
        Rig r = pfBound(KernelVersion.V6_1);
        assertThat(r.drv.sriovConfigure(r.dev(PF), 2)).isEqualTo(2);
        r.settle();
        assertThat(r.drv.sriovConfigure(r.dev(PF), 1)).isEqualTo(EINVAL);
        r.settle();
        r.ledger().expect(PF, 1, 0, "active").expect(VF0, 0, 0, "suspended").expect(VF1, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void d5PfResumeFailureReturnsTheErrorAndUnlists() {
        Rig r = pfBound(KernelVersion.V6_1);
        r.m.faults().add(new Fault(PF.toString(), "runtime_resume", EIO, true));
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isEqualTo(EIO);
        assertThat(r.drv.sriov.listed(r.core(PF))).isFalse();
        assertThat(r.info(PF).sriovActive()).isFalse();
        assertThat(r.dev(PF).numVfs()).isZero();
        r.settle();
        r.ledger().expect(PF, 0, 0, "error").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void d6EnableFailurePutsThePfBackAndUnlists() {
        Rig r = pfBound(KernelVersion.V6_1);
        r.m.faults().add(new Fault(PF.toString(), "sriov_enable", ENOMEM, true));
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isEqualTo(ENOMEM);
        assertThat(r.drv.sriov.listed(r.core(PF))).isFalse();
        assertThat(r.info(PF).sriovActive()).isFalse();
        r.settle();
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(PF, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void d7UserD3hotOnAPfWithVfsIsRefusedFrom61() {
        Rig r = pfBound(KernelVersion.V6_1);
        int fd = r.open(PF);
        r.m.pci().setSriovNumVfs(PF, 2);
        r.settle();
        assertThat(r.user.writePowerState(fd, PowerState.D3HOT)).as("the write itself succeeds").isEqualTo(2);
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D0);
        CoreDevice v = r.core(PF);
        v.memoryWrite().lock();
        try {
            assertThat(r.drv.power.set(v, PowerState.D3HOT)).isEqualTo(EBUSY);
        } finally {
            v.memoryWrite().unlock();
        }
        r.settle();
        r.ledger().expect(PF, 2, 0, "active").expect(VF0, 0, 0, "suspended").expect(VF1, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void d7Before61ThePmcsrWriteTakesThePfToD3hotDespiteVfs() {
        Rig r = pfBound(KernelVersion.V6_0);
        int fd = r.open(PF);
        r.m.pci().setSriovNumVfs(PF, 2);
        r.settle();
        assertThat(r.user.writePowerState(fd, PowerState.D3HOT)).isEqualTo(2);
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.pm(PF).runtimeStatus()).as("a native transition").isEqualTo("active");
        r.ledger().expect(PF, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void d8BindingToAPfThatAlreadyHasVfsIsEbusy() {
        Rig r = Rig.boot(Topologies.rpPf(), KernelVersion.V6_1);
        r.m.loadDriver(new PfStub(r.m.pciCore()));
        r.m.pci().setDriverOverride(PF, PfStub.NAME);
        assertThat(r.m.pci().bind(PF, PfStub.NAME)).isZero();
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isZero();
        assertThat(r.dev(VF0).driverOverride()).as("vfio-pci does not own the PF").isEmpty();
        assertThat(r.m.pci().unbind(PF)).isZero();
        assertThat(r.dev(PF).numVfs()).isEqualTo(2);
        assertThat(r.bind(PF)).isEqualTo(EBUSY);
        assertThat(r.m.log().lines()).anyMatch(l -> l.text().equals("vfio-pci " + PF + ": Cannot bind to PF with SR-IOV enabled"));
        assertThat(r.user.info(PF)).isEmpty();
        r.settle();
        r.ledger().expect(PF, 1, 0, "active").check();
    }

    @Test
    void legacySriovWritesD0AndTakesNoReference() {
        Rig r = pfBound(KernelVersion.V5_18);
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isZero();
        r.settle();
        assertThat(r.dev(PF).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.m.pci().setSriovNumVfs(PF, 0)).isZero();
        r.settle();
        r.ledger().expect(PF, 2, 0, "active").expect(RP, 0, 1, "active").check();
    }

    /** pci-pf-stub's shape: enables VFs through sriov_configure and leaves them when unbound. */
    private static final class PfStub implements PciDriver {
        static final String NAME = "pf-stub";
        private final PciCore core;

        PfStub(PciCore core) {
            this.core = core;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int probe(PciDevice dev) {
            return 0;
        }

        @Override
        public void remove(PciDevice dev) {
        }

        @Override
        public DevPmOps pm() {
            return null;
        }

        @Override
        public boolean hasSriovConfigure() {
            return true;
        }

        @Override
        public int sriovConfigure(PciDevice dev, int numVfs) {
            if (numVfs == 0) {
                core.disableSriov(dev);
                return 0;
            }
            int r = core.enableSriov(dev, numVfs);
            return r < 0 ? r : numVfs;
        }
    }
}
