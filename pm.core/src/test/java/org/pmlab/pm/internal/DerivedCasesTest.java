package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * The derived conformance cases C1-C12 and J7, J8 of docs/scenarios.md.
 */
class DerivedCasesTest {

    private static final int EAGAIN = Errno.EAGAIN.negative();
    private static final int EBUSY = Errno.EBUSY.negative();
    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EIO = Errno.EIO.negative();
    private static final long MS = 1_000_000L;

    private final RpmFixture f = new RpmFixture();
    private final RuntimePm rpm = f.rpm;
    private final RecordingOps parentOps = new RecordingOps();
    private final RecordingOps childOps = new RecordingOps(parentOps.calls);

    private RpmDevice parent;
    private RpmDevice child;

    private void enabledParentAndChild() {
        parent = f.device("p", null, parentOps.ops());
        child = f.device("c", parent, childOps.ops());
        rpm.enable(parent);
        rpm.enable(child);
    }

    private PmInfo p() {
        return f.info(parent);
    }

    private PmInfo c() {
        return f.info(child);
    }

    @Test
    void c1_j7_childResumeWakesTheParentFirstAndItsSuspendLetsTheParentIdle() {
        enabledParentAndChild();
        assertThat(p().childCount()).isZero();

        assertThat(rpm.getSync(child)).isZero();
        assertThat(parentOps.calls).as("parent resumed first").containsExactly("p:resume", "c:resume");
        assertThat(p().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(p().childCount()).isEqualTo(1);
        assertThat(p().usageCount()).as("the temporary parent reference is dropped again").isZero();
        f.settle();
        assertThat(p().status()).as("held active by the child").isEqualTo(RuntimeStatus.ACTIVE);

        parentOps.calls.clear();
        assertThat(rpm.putSync(child)).isZero();
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(p().childCount()).isZero();
        assertThat(p().requestPending()).as("async idle queued for the parent").isTrue();
        assertThat(p().request()).isEqualTo(RpmRequest.IDLE);
        assertThat(p().status()).isEqualTo(RuntimeStatus.ACTIVE);
        f.settle();
        assertThat(p().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(parentOps.calls).containsExactly("c:idle", "c:suspend", "p:idle", "p:suspend");
    }

    @Test
    void c2_j8_parentResumeFailureGivesEbusyAndTheChildKeepsItsReference() {
        parent = f.device("p", null, new DevPmOps(null, d -> EIO, null));
        child = f.device("c", parent, childOps.ops());
        rpm.enable(parent);
        rpm.enable(child);

        assertThat(rpm.getSync(child)).isEqualTo(EBUSY);
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(c().usageCount()).as("get_sync does not undo its increment").isEqualTo(1);
        assertThat(childOps.calls).as("child callback not run").isEmpty();
        assertThat(c().runtimeError()).isZero();
        assertThat(p().runtimeError()).isEqualTo(EIO);
        assertThat(p().runtimeStatus()).isEqualTo("error");
        assertThat(p().childCount()).isZero();
        assertThat(p().usageCount()).isZero();

        // J8: the caller must put
        rpm.putSync(child);
        assertThat(c().usageCount()).isZero();
        assertThat(f.logText()).isEmpty();
    }

    @Test
    void c3_childResumesUnderASuspendedButDisabledParentAndIsCounted() {
        parent = f.device("p", null, parentOps.ops());
        child = f.device("c", parent, childOps.ops());
        rpm.enable(child);

        assertThat(rpm.getSync(child)).isZero();
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(p().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(p().childCount()).isEqualTo(1);
        assertThat(parentOps.calls).containsExactly("c:resume");
        assertThat(p().usageCount()).isZero();
    }

    @Test
    void c4_ignoringParentIsNeitherWokenNorHeldByItsChild() {
        enabledParentAndChild();
        rpm.suspendIgnoreChildren(parent, true);

        assertThat(rpm.getSync(child)).isZero();
        assertThat(p().status()).as("not resumed for the child").isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(p().childCount()).isEqualTo(1);

        assertThat(rpm.getSync(parent)).isZero();
        assertThat(rpm.putSync(parent)).as("the active child does not hold it").isZero();
        assertThat(p().status()).isEqualTo(RuntimeStatus.SUSPENDED);

        assertThat(rpm.putSync(child)).isZero();
        assertThat(p().childCount()).isZero();
        assertThat(p().requestPending()).as("no idle for an ignoring parent").isFalse();
    }

    @Test
    void c5_suspendEbusyIsTransientEioIsStickyUntilSetActive() {
        enabledParentAndChild();
        rpm.getSync(child);
        rpm.putNoidle(child);

        childOps.suspendResult.set(EBUSY);
        assertThat(rpm.suspend(child)).isEqualTo(EBUSY);
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(c().runtimeError()).isZero();

        childOps.suspendResult.set(EIO);
        assertThat(rpm.suspend(child)).isEqualTo(EIO);
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(c().runtimeError()).isEqualTo(EIO);
        childOps.suspendResult.set(0);
        assertThat(rpm.suspend(child)).isEqualTo(EINVAL);
        assertThat(rpm.getSync(child)).isEqualTo(EINVAL);
        assertThat(rpm.putSync(child)).isEqualTo(EINVAL);
        assertThat(rpm.idle(child)).isEqualTo(EINVAL);

        assertThat(rpm.setActive(child)).isZero();
        assertThat(c().runtimeError()).isZero();
        assertThat(rpm.suspend(child)).isZero();
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void c6_resumeEagainIsFatal() {
        enabledParentAndChild();
        childOps.resumeResult.set(EAGAIN);
        assertThat(rpm.getSync(child)).isEqualTo(EAGAIN);
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(c().runtimeError()).isEqualTo(EAGAIN);
        childOps.resumeResult.set(0);
        assertThat(rpm.resume(child)).isEqualTo(EINVAL);
    }

    @Test
    void c7_forbidResumesAndTakesAReferenceAllowDropsItAndIdlesEachOnce() {
        enabledParentAndChild();
        rpm.forbid(child);
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(c().usageCount()).isEqualTo(1);
        rpm.forbid(child);
        assertThat(c().usageCount()).isEqualTo(1);

        rpm.allow(child);
        assertThat(c().usageCount()).isZero();
        assertThat(c().requestPending()).as("idle queued").isTrue();
        rpm.allow(child);
        assertThat(c().usageCount()).isZero();
        assertThat(f.logText()).isEmpty();
        f.settle();
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(p().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void c8_setActiveOnAnEnabledDeviceWithoutErrorIsRefused() {
        enabledParentAndChild();
        assertThat(rpm.setActive(parent)).isEqualTo(EAGAIN);
        assertThat(p().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void c9_setActiveUnderAnEnabledSuspendedParentIsEbusy() {
        parent = f.device("p");
        child = f.device("c", parent);
        rpm.enable(parent);
        assertThat(rpm.setActive(child)).isEqualTo(EBUSY);
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(p().childCount()).isZero();
    }

    @Test
    void c10_unbalancedEnableWarnsAndKeepsDepthZero() {
        enabledParentAndChild();
        rpm.enable(child);
        assertThat(c().disableDepth()).isZero();
        assertThat(f.logText()).containsExactly("c: Unbalanced pm_runtime_enable!");
    }

    @Test
    void c11_putAutosuspendArmsTheTimerAndTheDeviceSuspendsWithinDelayPlusSlack() {
        enabledParentAndChild();
        rpm.setAutosuspendDelay(child, 100);
        rpm.useAutosuspend(child);
        rpm.getSync(child);
        rpm.markLastBusy(child);
        long t0 = f.clock.nanoTime();

        assertThat(rpm.putAutosuspend(child)).isZero();
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(c().timerExpiresNs()).isEqualTo(t0 + 100 * MS);
        f.advanceMs(125); // 100 ms + the 25 % hrtimer slack rpm_suspend allows the kernel
        assertThat(c().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(c().timerExpiresNs()).isZero();
    }

    @Test
    void c12_negativeDelayPinsTheDeviceAndANonNegativeOneReleasesIt() {
        enabledParentAndChild();
        rpm.useAutosuspend(child);
        rpm.setAutosuspendDelay(child, -1);
        assertThat(c().usageCount()).isEqualTo(1);
        assertThat(c().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(p().status()).isEqualTo(RuntimeStatus.ACTIVE);

        rpm.setAutosuspendDelay(child, 0);
        assertThat(c().usageCount()).isZero();
        assertThat(c().status()).as("idle check with delay 0 suspends now").isEqualTo(RuntimeStatus.SUSPENDED);
    }
}
