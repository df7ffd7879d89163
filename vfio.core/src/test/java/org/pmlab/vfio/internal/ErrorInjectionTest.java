package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.VfioRegion;

/** Scenarios I1-I11: errors on every path, and no usage-count leak (docs/scenarios.md, I). */
class ErrorInjectionTest {

    private static final int EIO = -5;
    private static final int EAGAIN = -11;
    private static final int ENOMEM = -12;
    private static final int EBUSY = -16;
    private static final int EINVAL = -22;

    private static Rig idle() {
        return Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
    }

    private static void fault(Rig r, String target, String point, int errno) {
        r.m.faults().add(new Fault(target, point, errno, true));
    }

    @Test
    void i1ResumeFailureAtOpenLeavesTheCountAndMakesTheErrorSticky() {
        Rig r = idle();
        int before = r.pm(EP).usageCount();
        fault(r, EP.toString(), "runtime_resume", EIO);
        assertThat(r.user.open(EP)).isEqualTo(EIO);
        assertThat(r.pm(EP).usageCount()).isEqualTo(before);
        assertThat(r.pm(EP).runtimeError()).isEqualTo(EIO);
        assertThat(r.info(EP).openCount()).isZero();
        assertThat(r.dev(EP).enableCount()).isZero();
        assertThat(r.user.open(EP)).as("further opens").isEqualTo(EINVAL);
        r.settle();
        r.ledger().expect(EP, 0, 0, "error").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void i2EnableFailureGivesTheReferenceBackWithoutDisabling() {
        Rig r = idle();
        fault(r, EP.toString(), "pci_enable_device", ENOMEM);
        int mark = r.m.log().size();
        assertThat(r.user.open(EP)).isEqualTo(ENOMEM);
        assertThat(r.dev(EP).enableCount()).isZero();
        assertThat(r.m.log().since(mark)).noneMatch(l -> l.text().contains("disabling already-disabled"));
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void i3FunctionResetEagainDisablesAndFails() {
        Rig r = idle();
        fault(r, EP.toString(), "reset_function", EAGAIN);
        int mark = r.m.log().size();
        assertThat(r.user.open(EP)).isEqualTo(EAGAIN);
        assertThat(r.dev(EP).enableCount()).isZero();
        assertThat(r.m.log().since(mark)).noneMatch(l -> l.text().contains("disabling already-disabled"));
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void anotherFunctionResetErrorOnlyMeansResetDoesNotWork() {
        Rig r = idle();
        fault(r, EP.toString(), "reset_function", EIO);
        int fd = r.user.open(EP);
        assertThat(fd).isPositive();
        assertThat(r.info(EP).resetWorks()).isFalse();
        assertThat(r.user.reset(fd)).as("VFIO_DEVICE_RESET needs reset_works").isEqualTo(EINVAL);
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void i4ConfigInitFailureUnwindsEverything() {
        Rig r = idle();
        fault(r, EP.toString(), "config_init", ENOMEM);
        assertThat(r.user.open(EP)).isEqualTo(ENOMEM);
        assertThat(r.core(EP).pciSavedState).isNull();
        assertThat(r.dev(EP).enableCount()).isZero();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        int fd = r.open(EP);
        assertThat(r.core(EP).pciSavedState).as("a successful open keeps its state").isNotNull();
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void openErrorsBefore61AndInLegacy() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V5_18, KernelVersion.V6_0}) {
            Rig r = Rig.boot(Topologies.rpEp(), k).bound(EP);
            int u = r.pm(EP).usageCount();
            fault(r, EP.toString(), "config_init", ENOMEM);
            assertThat(r.user.open(EP)).isEqualTo(ENOMEM);
            assertThat(r.dev(EP).enableCount()).isZero();
            r.settle();
            assertThat(r.pm(EP).usageCount()).as(k.toString()).isEqualTo(u);
            r.ledger().expect(EP, u, 0, k.before(KernelVersion.V5_19) ? "active" : "suspended").check();
        }
    }

    @Test
    void i5ResumeFailureDuringAnIoctlIsEio() {
        Rig r = idle();
        int fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        fault(r, EP.toString(), "runtime_resume", ENOMEM);
        int mark = r.m.log().size();
        assertThat(r.user.getInfo(fd)).isEqualTo(EIO);
        assertThat(r.m.log().since(mark)).anyMatch(l -> l.text().endsWith("vfio: runtime resume failed " + ENOMEM));
        assertThat(r.user.getInfo(fd)).as("the error is sticky").isEqualTo(EIO);
        assertThat(r.user.reset(fd)).isEqualTo(EIO);
        r.settle();
        r.ledger().expect(EP, 0, 0, "error").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void i6ResumeFailureDuringRegionAccessIsEioAfterTheIndexCheck() {
        Rig r = idle();
        int fd = r.open(EP);
        r.user.lowPowerEntry(fd);
        r.settle();
        assertThat(r.user.regionRead(fd, VfioRegion.NUM_REGIONS)).isEqualTo(EINVAL);
        assertThat(r.pm(EP).runtimeStatus()).as("no resume for a bad index").isEqualTo("suspended");
        fault(r, EP.toString(), "runtime_resume", EIO);
        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(EIO);
        assertThat(r.user.regionWrite(fd, VfioRegion.BAR0)).isEqualTo(EIO);
        r.settle();
        r.ledger().expect(EP, 0, 0, "error").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void i7FailingOffOfTheSharedResourceIsNotReported() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false);
        fault(r, "PSLT", "_OFF", EIO);
        r.bind(EP);
        r.settle();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        assertThat(r.pm(RP).runtimeError()).isZero();
        PowerResourceView pslt = Firmwares.resource(r.m, "PSLT");
        assertThat(pslt.on()).isTrue();
        assertThat(pslt.refCount()).isEqualTo(1);
        assertThat(pslt.users()).isEmpty();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        int fd = r.open(EP);
        assertThat(Firmwares.resource(r.m, "PSLT").refCount()).isEqualTo(3);
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    /**
     * pci_power_up ignores what the platform's D0 call returns: ACPI turned the shared resource
     * on before _PS0 failed, so the port and the GPU are powered and readable. (Was: both read
     * D3cold while runtime-active with the fd open, and a BAR read gave -EIO.)
     */
    @Test
    void failedPs0OfThePortLeavesItPoweredAndTheGpuReadable() {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false);
        r.bound(EP);
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
        fault(r, RP.toString(), "_PS0", -19);

        int fd = r.open(EP);

        assertThat(Firmwares.resource(r.m, "PSLT").on()).isTrue();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.user.regionRead(fd, VfioRegion.BAR0)).isEqualTo(4);
        assertThat(r.user.regionRead(fd, VfioRegion.CONFIG)).isEqualTo(4);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        assertThat(r.dev(RP).currentState()).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void i8SuspendCallbackBusyKeepsItActiveWithoutError() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1);
        fault(r, EP.toString(), "runtime_suspend", EBUSY);
        r.bound(EP);
        assertThat(r.pm(EP).runtimeError()).isZero();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 0, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void i9SuspendCallbackEioIsStickyAndOpenSeesEinval() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1);
        fault(r, EP.toString(), "runtime_suspend", EIO);
        r.bound(EP);
        assertThat(r.pm(EP).runtimeError()).isEqualTo(EIO);
        assertThat(r.user.open(EP)).isEqualTo(EINVAL);
        r.settle();
        r.ledger().expect(EP, 0, 0, "error").expect(RP, 0, 1, "active").check();
    }

    @Test
    void i10RegisterFailureLeavesTheNeverBoundState() {
        for (KernelVersion k : new KernelVersion[] {KernelVersion.V5_18, KernelVersion.V6_1}) {
            Rig r = Rig.boot(Topologies.rpEp(), k);
            fault(r, EP.toString(), "vfio_register_group_dev", ENOMEM);
            assertThat(r.bind(EP)).isEqualTo(ENOMEM);
            r.settle();
            assertThat(r.dev(EP).driver()).isEmpty();
            assertThat(r.user.info(EP)).isEmpty();
            assertThat(r.core(EP)).isNull();
            assertThat(r.pm(EP).control()).isEqualTo("on");
            assertThat(r.dev(EP).currentState()).as(k.toString()).isEqualTo(PowerState.D0);
            assertThat(r.m.log().lines()).anyMatch(l -> l.text().contains("probe of " + EP + " failed with error -12"));
            r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
            assertThat(r.bind(EP)).as("a later bind works").isZero();
        }
    }

    @Test
    void i11AnExtraPutIsRefusedFrom519() {
        Rig r = idle();
        assertThat(r.m.runtimePm().put(r.dev(EP).pm())).isEqualTo(EINVAL);
        assertThat(r.m.log().lines()).anyMatch(l -> l.text().endsWith("Runtime PM usage count underflow!"));
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").underflowExpected().check();
    }

    @Test
    void i11AnExtraPutGoesNegativeIn518() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        for (int i = 0; i < 3; i++) {
            r.m.runtimePm().put(r.dev(EP).pm());
        }
        r.settle();
        assertThat(r.m.log().lines()).noneMatch(l -> l.text().contains("underflow"));
        r.ledger().expect(EP, -1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void i11EveryVfioPathIsBalancedAcrossAFullCycleInEveryEra() {
        for (KernelVersion k : KernelVersion.MODELLED) {
            Rig r = Rig.boot(Topologies.rpEp(), k).bound(EP);
            int u = r.pm(EP).usageCount();
            int fd = r.open(EP);
            r.user.getInfo(fd);
            r.user.regionRead(fd, VfioRegion.BAR0);
            r.user.reset(fd);
            r.user.hotReset(fd);
            r.user.close(fd);
            r.settle();
            r.ledger().expect(EP, u, 0, k.before(KernelVersion.V5_19) ? "active" : "suspended").check();
            assertThat(r.m.pci().unbind(EP)).isZero();
            r.settle();
            r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
        }
    }
}
