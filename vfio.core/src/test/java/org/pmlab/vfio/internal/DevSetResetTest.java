package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP1;
import static org.pmlab.vfio.internal.Topologies.EP2;
import static org.pmlab.vfio.internal.Topologies.EP3;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.TraceRecord;

/**
 * Scenarios C1-C7: the reset of a dev_set of three functions on one bus, with a member failing
 * to resume (the seed review point) or busy (docs/scenarios.md, C).
 */
class DevSetResetTest {

    private static final int EIO = -5;
    private static final int ENOMEM = -12;
    private static final int EBUSY = -16;
    private static final int EINVAL = -22;
    /** A secondary bus reset takes over a second of simulated time (Trhfa). */
    private static final long RESET_NS = 1_000_000_000L;

    /** All three bound and used once, then only {@code last} left open: every member needs a reset. */
    private static Rig usedThenOnlyOpen(Bdf last, int[] fdOut) {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int keep = -1;
        for (Bdf b : List.of(EP1, EP2, EP3)) {
            int fd = r.open(b);
            if (b.equals(last)) {
                keep = fd;
            }
        }
        for (Bdf b : List.of(EP1, EP2, EP3)) {
            if (!b.equals(last)) {
                r.user.close(r.user.fds(b).get(0));
            }
        }
        r.settle();
        fdOut[0] = keep;
        return r;
    }

    private static void failResume(Rig r, Bdf who, int errno) {
        r.m.faults().add(new Fault(who.toString(), "runtime_resume", errno, true));
    }

    private static long elapsed(Rig r, IntSupplier call, int[] ret) {
        long t0 = r.m.clock().nanoTime();
        ret[0] = call.getAsInt();
        return r.m.clock().nanoTime() - t0;
    }

    /** Devices whose usage count was dropped after the set-get failure was traced, in order. */
    private static List<String> putsAfterFailure(Rig r) {
        List<String> out = new ArrayList<>();
        boolean failed = false;
        for (TraceRecord t : r.m.trace().records()) {
            if (t.event().equals("vfio_pci") && t.text().contains("dev_set pm get failed")) {
                failed = true;
            } else if (failed && (t.event().equals("rpm_idle") || t.event().equals("rpm_usage"))
                    && t.text().contains("flags-") && !out.contains(t.device())) {
                out.add(t.device());
            }
        }
        return out;
    }

    @Test
    void devSetOfThreeFunctionsOnOneBus() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        assertThat(r.user.devices()).extracting(i -> i.devSet()).containsOnly("bus:0000:01");
        assertThat(r.core(EP1).devSet).isSameAs(r.core(EP3).devSet);
        assertThat(r.core(EP1).devSet.members).extracting(c -> c.name())
                .containsExactly(EP1.toString(), EP2.toString(), EP3.toString());
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void lastCloseResetsTheBusAndClearsNeedsReset() {
        int[] fd = new int[1];
        Rig r = usedThenOnlyOpen(EP2, fd);
        assertThat(r.info(EP1).needsReset()).isTrue();
        assertThat(r.info(EP3).needsReset()).isTrue();
        assertThat(r.info(EP2).needsReset()).as("set at close only").isFalse();
        int[] ret = new int[1];
        long t = elapsed(r, () -> r.user.close(fd[0]), ret);
        assertThat(t).isGreaterThanOrEqualTo(RESET_NS);
        assertThat(r.user.devices()).noneMatch(i -> i.needsReset());
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void closeWhileAnotherMemberIsOpenDoesNotReset() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int a = r.open(EP1);
        int b = r.open(EP2);
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.close(a), ret)).isLessThan(RESET_NS);
        assertThat(r.info(EP1).needsReset()).isTrue();
        r.user.close(b);
        assertThat(r.user.devices()).noneMatch(i -> i.needsReset());
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void c1MiddleMemberFailsToResumeOnlyTheFirstIsPutBack() {
        int[] fd = new int[1];
        Rig r = usedThenOnlyOpen(EP3, fd);
        failResume(r, EP2, EIO);
        r.m.trace().enable(true);
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.close(fd[0]), ret)).as("no bus reset").isLessThan(RESET_NS);
        // EP1 (the unwind; EP2 is not put), then EP3's own open reference
        assertThat(putsAfterFailure(r)).containsExactly(EP1.toString(), EP3.toString());
        assertThat(r.user.devices()).allMatch(i -> i.needsReset());
        assertThat(r.pm(EP2).runtimeError()).isEqualTo(EIO);
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "error").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
        assertThat(r.user.open(EP2)).as("runtime_error is sticky").isEqualTo(EINVAL);
        assertThat(r.m.runtimePm().setSuspended(r.dev(EP2).pm())).isZero();
        int again = r.user.open(EP2);
        assertThat(again).as("open works once the error is cleared").isPositive();
        r.user.close(again);
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void c2FirstMemberFailsNothingToUnwind() {
        int[] fd = new int[1];
        Rig r = usedThenOnlyOpen(EP3, fd);
        failResume(r, EP1, EIO);
        r.m.trace().enable(true);
        r.user.close(fd[0]);
        // only the closing device's own put follows the failure
        assertThat(putsAfterFailure(r)).containsExactly(EP3.toString());
        assertThat(r.user.devices()).allMatch(i -> i.needsReset());
        r.settle();
        r.ledger().expect(EP1, 0, 0, "error").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void c3LastMemberFailsTheOthersArePutInReverseOrder() {
        int[] fd = new int[1];
        Rig r = usedThenOnlyOpen(EP1, fd);
        failResume(r, EP3, EIO);
        r.m.trace().enable(true);
        r.user.close(fd[0]);
        // EP2 then EP1 (the unwind), then EP1 again (its own open reference)
        assertThat(putsAfterFailure(r)).containsExactly(EP2.toString(), EP1.toString());
        assertThat(r.user.devices()).allMatch(i -> i.needsReset());
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "error")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void setGetDirectlyLeavesEveryCountAsItWas() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        failResume(r, EP3, ENOMEM);
        List<CoreDevice> members = List.copyOf(r.core(EP1).devSet.members);
        assertThat(r.drv.setPm.get(members)).isEqualTo(ENOMEM);
        r.settle();
        r.ledger().expect(EP1, 0, 0, "suspended").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "error")
                .expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void c4HotResetReturnsTheFailingMembersResumeError() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        r.settle();
        failResume(r, EP2, ENOMEM);
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.hotReset(fd), ret)).isLessThan(RESET_NS);
        assertThat(ret[0]).isEqualTo(ENOMEM);
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "error").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void c5ContendedMemoryLockIsEbusyAndReleasesEverything() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int f1 = r.open(EP1);
        int f3 = r.open(EP3);
        int hold = r.user.holdMemoryLock(f3);
        assertThat(hold).isPositive();
        r.settle();
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.hotReset(f1), ret)).isLessThan(RESET_NS);
        assertThat(ret[0]).isEqualTo(EBUSY);
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 2, 0, "active")
                .expect(RP, 0, 2, "active").check();
        assertThat(r.user.releaseMemoryLock(hold)).isZero();
        assertThat(elapsed(r, () -> r.user.hotReset(f1), ret)).isGreaterThanOrEqualTo(RESET_NS);
        assertThat(ret[0]).as("every lock of the failed attempt was released").isZero();
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 1, 0, "active")
                .expect(RP, 0, 2, "active").check();
    }

    @Test
    void c6MemberOutsideTheCallersGroupsIsEinval() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.hotReset(fd, Set.of(EP1, EP2)), ret)).isLessThan(RESET_NS);
        assertThat(ret[0]).isEqualTo(EINVAL);
        assertThat(r.user.hotReset(fd, Set.of())).isEqualTo(EINVAL);
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
        assertThat(r.user.hotReset(fd, Set.of(EP1, EP2, EP3))).as("locks of the failed attempt released").isZero();
        r.settle();
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void c7HotResetBringsAllToD0AndUnopenedOnesReturnToLowPower() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        r.settle();
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.hotReset(fd), ret)).isGreaterThanOrEqualTo(RESET_NS);
        assertThat(ret[0]).isZero();
        for (Bdf b : List.of(EP1, EP2, EP3)) {
            assertThat(r.dev(b).currentState()).as(b + " right after the reset").isEqualTo(PowerState.D0);
        }
        r.settle();
        assertThat(r.dev(EP1).currentState()).isEqualTo(PowerState.D0);
        assertThat(r.dev(EP2).currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(r.dev(EP3).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void hotResetBefore61TakesNoReferences() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_0).bound(EP1, EP2, EP3);
        int fd = r.open(EP1);
        r.settle();
        failResume(r, EP2, ENOMEM); // never reached: nothing resumes the members
        assertThat(r.user.hotReset(fd)).isZero();
        r.settle();
        // the PCI core powered the suspended members up for the reset behind runtime PM's back
        assertThat(r.dev(EP2).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 0, 0, "suspended").expect(EP3, 0, 0, "suspended")
                .expect(RP, 0, 1, "active").check();
    }

    @Test
    void tryReset519SkipsReferencesWithDisableIdleD3And61TakesThem() {
        for (KernelVersion k : List.of(KernelVersion.V6_0, KernelVersion.V6_1)) {
            Rig r = Rig.boot(Topologies.threeOnBus(), k, null, true).bound(EP1, EP2, EP3);
            int fd = r.open(EP1);
            r.m.faults().add(new Fault(EP2.toString(), "runtime_error", EIO, true)); // set at EP2's next helper call:
            r.m.runtimePm().enabled(r.dev(EP2).pm()); // this one, before the close
            r.user.close(fd);
            boolean reset = !r.info(EP1).needsReset();
            assertThat(reset).as(k + ": a failing set-get (6.1) prevents the reset").isEqualTo(k.before(KernelVersion.V6_1));
            r.settle();
            // EP2's status is still active (an error set on an active device), so RP counts it
            r.ledger().expect(EP1, 1, 0, "active").expect(EP2, 1, 0, "error").expect(EP3, 1, 0, "active")
                    .expect(RP, 0, 3, "active").check();
        }
    }

    @Test
    void legacyTryResetWritesD0ThenD3hotToEveryMember() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V5_18).bound(EP1, EP2, EP3);
        int fd = r.open(EP2);
        assertThat(r.dev(EP1).currentState()).isEqualTo(PowerState.D3HOT);
        int[] ret = new int[1];
        assertThat(elapsed(r, () -> r.user.close(fd), ret)).isGreaterThanOrEqualTo(RESET_NS);
        assertThat(r.user.devices()).noneMatch(i -> i.needsReset());
        for (Bdf b : List.of(EP1, EP2, EP3)) {
            assertThat(r.dev(b).currentState()).isEqualTo(PowerState.D3HOT);
        }
        r.settle();
        r.ledger().expect(EP1, 2, 0, "active").expect(EP2, 2, 0, "active").expect(EP3, 2, 0, "active")
                .expect(RP, 0, 3, "active").check();
    }
}
