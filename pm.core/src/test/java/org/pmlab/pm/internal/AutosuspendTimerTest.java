package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * The suspend timer and time accounting on virtual time (rpm_suspend's autosuspend branch,
 * rpm_resume cancelling the timer, pm_suspend_timer_fn, update_pm_runtime_accounting, the
 * runtime_*_time attributes of drivers/base/power/sysfs.c). The
 * model fires timers exactly at their expiry; the kernel's 25 % slack is not modelled.
 */
class AutosuspendTimerTest {

    private static final long MS = 1_000_000L;

    private final RpmFixture f = new RpmFixture();
    private final RuntimePm rpm = f.rpm;
    private final RecordingOps rec = new RecordingOps();
    private RpmDevice d;
    private long t0;

    @BeforeEach
    void activeAutosuspendDeviceInUse() {
        f.advanceMs(1000); // keep timestamps away from 0
        d = f.device("d", null, rec.ops());
        rpm.enable(d);
        rpm.setAutosuspendDelay(d, 100);
        rpm.useAutosuspend(d);
        assertThat(rpm.getSync(d)).isZero();
        t0 = f.clock.nanoTime();
    }

    private PmInfo info() {
        return f.info(d);
    }

    private void advanceTo(long ms) {
        long target = t0 + ms * MS;
        f.advanceMs((target - f.clock.nanoTime()) / MS);
        assertThat(f.clock.nanoTime()).isEqualTo(target);
    }

    @Test
    void putAutosuspendArmsTheTimerAndTheDeviceSuspendsExactlyWhenTheDelayExpires() {
        rpm.markLastBusy(d);
        assertThat(rpm.putAutosuspend(d)).isZero();
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 100 * MS);
        assertThat(info().timerAutosuspends()).isTrue();

        advanceTo(99);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        advanceTo(100);
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(info().timerExpiresNs()).isZero();
        assertThat(rec.calls).containsExactly("d:resume", "d:suspend");
    }

    @Test
    void lastBusyMovedForwardReArmsTheTimerWhenItFires() {
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        advanceTo(50);
        rpm.markLastBusy(d);

        advanceTo(100);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 150 * MS);
        advanceTo(149);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        advanceTo(150);
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void aLaterExpiryKeepsTheEarlierArmedTimer() { // "unless an earlier one is already armed"
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        advanceTo(60);
        assertThat(rpm.get(d)).isEqualTo(1);
        rpm.markLastBusy(d);
        assertThat(rpm.putAutosuspend(d)).isZero();
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 100 * MS);
        advanceTo(100);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 160 * MS);
        advanceTo(160);
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void anEarlierExpiryReArmsTheTimerAtOnce() {
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        advanceTo(10);
        rpm.setAutosuspendDelay(d, 20); // update_autosuspend runs a synchronous idle with RPM_AUTO
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 20 * MS);
        advanceTo(20);
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void aReferenceTakenBeforeExpiryKeepsTheDeviceActive() {
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        advanceTo(50);
        assertThat(rpm.get(d)).isEqualTo(1);
        advanceTo(200);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info().timerExpiresNs()).as("the fired timer is cleared").isZero();
        assertThat(rec.calls).containsExactly("d:resume");
    }

    @Test
    void zeroDelayQueuesTheSuspendInsteadOfArmingATimer() {
        rpm.setAutosuspendDelay(d, 0);
        assertThat(rpm.putAutosuspend(d)).isZero();
        assertThat(info().timerExpiresNs()).isZero();
        assertThat(info().request()).isEqualTo(RpmRequest.AUTOSUSPEND);
        f.settle();
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void resumeCancelsAPendingNonAutosuspendTimer() { // rpm_resume; runtime_pm.rst: a resume cancels pending requests
        rpm.putNoidle(d);
        assertThat(rpm.scheduleSuspend(d, 100)).isZero();
        assertThat(info().timerAutosuspends()).isFalse();
        assertThat(rpm.resume(d)).isEqualTo(1);
        assertThat(info().timerExpiresNs()).isZero();
        advanceTo(300);
        assertThat(info().status()).isEqualTo(RuntimeStatus.ACTIVE);
    }

    @Test
    void resumeKeepsARunningAutosuspendTimer() {
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        assertThat(rpm.resume(d)).isEqualTo(1);
        assertThat(rpm.requestResume(d)).isEqualTo(1);
        assertThat(info().timerExpiresNs()).isEqualTo(t0 + 100 * MS);
        advanceTo(100);
        assertThat(info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void accountingSplitsTimeByStatusAndSkipsDisabledPeriods() {
        // fresh device: 500 ms registered but disabled, then enabled while suspended
        RpmDevice a = f.device("a");
        f.advanceMs(500);
        rpm.enable(a);
        assertThat(f.info(a).activeTimeMs()).isZero();
        assertThat(f.info(a).suspendedTimeMs()).as("not accumulated while disabled").isZero();

        f.advanceMs(30);
        rpm.getSync(a);
        f.advanceMs(50);
        rpm.disable(a);
        f.advanceMs(1000);
        assertThat(f.info(a).activeTimeMs()).isEqualTo(50);
        assertThat(f.info(a).suspendedTimeMs()).isEqualTo(30);
        rpm.enable(a);
        f.advanceMs(20);
        rpm.putSync(a);
        assertThat(f.info(a).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        f.advanceMs(10);

        PmInfo i = f.info(a);
        assertThat(i.activeTimeMs()).isEqualTo(70);
        assertThat(i.suspendedTimeMs()).isEqualTo(40);
        assertThat(i.activeTimeNs()).isEqualTo(70 * MS);
        assertThat(i.suspendedTimeNs()).isEqualTo(40 * MS);
    }

    @Test
    void accountingFollowsAutosuspendTransitions() {
        long active0 = info().activeTimeNs();
        long suspended0 = info().suspendedTimeNs();
        rpm.markLastBusy(d);
        rpm.putAutosuspend(d);
        advanceTo(100); // suspends here
        advanceTo(250);
        assertThat(info().activeTimeNs() - active0).isEqualTo(100 * MS);
        assertThat(info().suspendedTimeNs() - suspended0).isEqualTo(150 * MS);
    }
}
