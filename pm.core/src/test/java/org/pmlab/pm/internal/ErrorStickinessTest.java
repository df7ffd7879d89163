package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.Fault;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;

/**
 * Callback errors (rpm_callback, rpm_suspend's fail path, rpm_resume, __pm_runtime_set_status):
 * which are fatal and stick in runtime_error, what every helper returns meanwhile, and how
 * set_active/set_suspended clear them.
 */
class ErrorStickinessTest {

    private static final int EAGAIN = Errno.EAGAIN.negative();
    private static final int EACCES = Errno.EACCES.negative();
    private static final int EBUSY = Errno.EBUSY.negative();
    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EIO = Errno.EIO.negative();
    private static final long MS = 1_000_000L;

    private final RpmFixture f = new RpmFixture();
    private final RuntimePm rpm = f.rpm;
    private final RecordingOps rec = new RecordingOps();

    private RpmDevice enabledSuspended() {
        RpmDevice d = f.device("d", null, rec.ops());
        rpm.enable(d);
        return d;
    }

    private RpmDevice enabledActive() {
        RpmDevice d = enabledSuspended();
        assertThat(rpm.getSync(d)).isZero();
        rpm.putNoidle(d);
        rec.calls.clear();
        return d;
    }

    private PmInfo info(RpmDevice d) {
        return f.info(d);
    }

    /** A helper call and how it changes the usage count when it fails. */
    private record Helper(String name, ToIntFunction<RpmDevice> call, int usageDelta) {
        @Override
        public String toString() {
            return name;
        }
    }

    private List<Helper> helpers() {
        return List.of(
                new Helper("get", rpm::get, 1),
                new Helper("get_sync", rpm::getSync, 1),
                new Helper("resume_and_get", rpm::resumeAndGet, 0),
                new Helper("put", d -> { rpm.getNoresume(d); return rpm.put(d); }, 0),
                new Helper("put_sync", d -> { rpm.getNoresume(d); return rpm.putSync(d); }, 0),
                new Helper("put_autosuspend", d -> { rpm.getNoresume(d); return rpm.putAutosuspend(d); }, 0),
                new Helper("put_sync_suspend", d -> { rpm.getNoresume(d); return rpm.putSyncSuspend(d); }, 0),
                new Helper("put_sync_autosuspend", d -> { rpm.getNoresume(d); return rpm.putSyncAutosuspend(d); }, 0),
                new Helper("idle", rpm::idle, 0),
                new Helper("request_idle", rpm::requestIdle, 0),
                new Helper("suspend", rpm::suspend, 0),
                new Helper("autosuspend", rpm::autosuspend, 0),
                new Helper("request_autosuspend", rpm::requestAutosuspend, 0),
                new Helper("schedule_suspend(0)", d -> rpm.scheduleSuspend(d, 0), 0),
                new Helper("schedule_suspend(10)", d -> rpm.scheduleSuspend(d, 10), 0),
                new Helper("resume", rpm::resume, 0),
                new Helper("request_resume", rpm::requestResume, 0));
    }

    private void assertEveryHelperReturnsEinval(RpmDevice d, RuntimeStatus frozen) {
        int callsBefore = rec.calls.size();
        for (Helper h : helpers()) {
            int before = info(d).usageCount();
            assertThat(h.call().applyAsInt(d)).as(h.name()).isEqualTo(EINVAL);
            assertThat(info(d).usageCount()).as(h.name() + " usage").isEqualTo(before + h.usageDelta());
            assertThat(info(d).status()).as(h.name() + " status").isEqualTo(frozen);
            for (int i = 0; i < h.usageDelta(); i++) {
                rpm.putNoidle(d); // drop a failed get's reference so the puts below reach 0
            }
        }
        f.settle();
        assertThat(info(d).status()).isEqualTo(frozen);
        assertThat(rec.calls).as("no callback while in error").hasSize(callsBefore);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
    }

    @Test
    void fatalSuspendErrorLeavesTheDeviceActiveAndInError() {
        RpmDevice d = enabledActive();
        rec.suspendResult.set(EIO);
        assertThat(rpm.suspend(d)).isEqualTo(EIO);
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info(d).runtimeError()).isEqualTo(EIO);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
        rec.suspendResult.set(0);
        assertEveryHelperReturnsEinval(d, RuntimeStatus.ACTIVE);
    }

    @ParameterizedTest(name = "suspend callback returns {0}")
    @ValueSource(ints = {-16, -11}) // -EBUSY, -EAGAIN
    void nonFatalSuspendErrorIsReturnedButNotKept(int err) {
        RpmDevice d = enabledActive();
        rec.suspendResult.set(err);
        assertThat(rpm.suspend(d)).isEqualTo(err);
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info(d).runtimeError()).isZero();
        assertThat(info(d).runtimeStatus()).isEqualTo("active");
        rec.suspendResult.set(0);
        assertThat(rpm.suspend(d)).isZero();
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.SUSPENDED);
    }

    @Test
    void nonFatalAutosuspendErrorWithLastBusyMovedOnReschedulesTheTimer() { // rpm_suspend fail: goto repeat
        // 6.1: from 6.17 put_sync_autosuspend marks the device busy itself and only re-arms the timer
        RpmFixture f = new RpmFixture(KernelVersion.V6_1);
        RuntimePm rpm = f.rpm;
        RecordingOps rec = new RecordingOps();
        RpmDevice d = f.device("d", null, rec.ops());
        rpm.enable(d);
        rpm.setAutosuspendDelay(d, 100);
        rpm.useAutosuspend(d);
        rpm.getSync(d);
        f.advanceMs(100); // delay expired
        rec.onSuspend = dev -> {
            rpm.markLastBusy(dev); // the driver saw activity while suspending
            return 0;
        };
        rec.suspendResult.set(EBUSY);
        long t = f.clock.nanoTime();

        assertThat(rpm.putSyncAutosuspend(d)).as("rescheduled, not failed").isZero();
        assertThat(f.info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(f.info(d).runtimeError()).isZero();
        assertThat(f.info(d).timerExpiresNs()).isEqualTo(t + 100 * MS);
        assertThat(f.info(d).timerAutosuspends()).isTrue();

        rec.onSuspend = null;
        rec.suspendResult.set(0);
        f.advanceMs(100);
        assertThat(f.info(d).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(rec.count("d", "suspend")).isEqualTo(2);
    }

    @Test
    void nonFatalAutosuspendErrorWithoutNewActivityIsReturned() {
        RpmFixture f = new RpmFixture(KernelVersion.V6_1); // as above
        RuntimePm rpm = f.rpm;
        RecordingOps rec = new RecordingOps();
        RpmDevice d = f.device("d", null, rec.ops());
        rpm.enable(d);
        rpm.setAutosuspendDelay(d, 100);
        rpm.useAutosuspend(d);
        rpm.getSync(d);
        f.advanceMs(100);
        rec.suspendResult.set(EBUSY);
        assertThat(rpm.putSyncAutosuspend(d)).isEqualTo(EBUSY);
        assertThat(f.info(d).timerExpiresNs()).isZero();
        assertThat(f.info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
    }

    @Test
    void fatalSuspendErrorCancelsARequestMadeDuringTheCallbackButNonFatalKeepsIt() {
        RpmDevice d = enabledActive();
        rec.onSuspend = dev -> rpm.scheduleSuspend(dev, 50);
        rec.suspendResult.set(EBUSY);
        assertThat(rpm.suspend(d)).isEqualTo(EBUSY);
        assertThat(info(d).timerExpiresNs()).as("non-fatal: timer kept").isNotZero();

        rpm.barrier(d);
        rec.suspendResult.set(EIO);
        assertThat(rpm.suspend(d)).isEqualTo(EIO);
        assertThat(info(d).timerExpiresNs()).as("fatal: pending requests cancelled").isZero();
    }

    @ParameterizedTest(name = "resume callback returns {0}")
    @ValueSource(ints = {-5, -11, -16}) // -EIO, -EAGAIN, -EBUSY
    void everyResumeErrorIsFatal(int err) {
        RpmDevice d = enabledSuspended();
        rec.resumeResult.set(err);
        assertThat(rpm.getSync(d)).isEqualTo(err);
        rpm.putNoidle(d);
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(info(d).runtimeError()).isEqualTo(err);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
        rec.resumeResult.set(0);
        assertEveryHelperReturnsEinval(d, RuntimeStatus.SUSPENDED);
    }

    @Test
    void setActiveClearsASuspendError() {
        RpmDevice d = enabledActive();
        rec.suspendResult.set(EIO);
        rpm.suspend(d);
        rec.suspendResult.set(0);

        assertThat(rpm.setActive(d)).isZero();
        assertThat(info(d).runtimeError()).isZero();
        assertThat(info(d).runtimeStatus()).isEqualTo("active");
        assertThat(info(d).disableDepth()).isZero();
        assertThat(rpm.suspend(d)).isZero();
        assertThat(info(d).runtimeStatus()).isEqualTo("suspended");
    }

    @Test
    void setSuspendedClearsAResumeError() {
        RpmDevice d = enabledSuspended();
        rec.resumeResult.set(EIO);
        rpm.resume(d);
        rec.resumeResult.set(0);

        assertThat(rpm.setSuspended(d)).isZero();
        assertThat(info(d).runtimeError()).isZero();
        assertThat(info(d).runtimeStatus()).isEqualTo("suspended");
        assertThat(rpm.getSync(d)).isZero();
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
    }

    @Test
    void eaccesFromASuspendCallbackIsReportedAsEioAndIsFatal() { // rpm_callback
        RpmDevice d = enabledActive();
        rec.suspendResult.set(EACCES);
        assertThat(rpm.suspend(d)).isEqualTo(EIO);
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(info(d).runtimeError()).as("rpm_callback stores the callback's own value").isEqualTo(EACCES);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
        assertThat(rpm.suspend(d)).isEqualTo(EINVAL);
    }

    @Test
    void eaccesFromAResumeCallbackIsReportedAsEio() {
        RpmDevice d = enabledSuspended();
        rec.resumeResult.set(EACCES);
        assertThat(rpm.getSync(d)).isEqualTo(EIO);
        assertThat(info(d).status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(info(d).runtimeError()).isEqualTo(EACCES);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
    }

    @Test
    void getIfActiveDoesNotLookAtTheErrorState() {
        // pm_runtime_get_if_active checks only disable_depth and status; the "every helper returns
        // -EINVAL" is read as "every helper that enters an engine"
        RpmDevice d = enabledActive();
        rec.suspendResult.set(EIO);
        rpm.suspend(d);
        assertThat(rpm.getIfActive(d, true)).isEqualTo(1);
        assertThat(rpm.getIfActive(d, false)).isEqualTo(1);
        assertThat(info(d).usageCount()).isEqualTo(2);
    }

    @Test
    void errorTakesPrecedenceOverUnsupportedInSysfs() { // rtpm_status_show
        RpmDevice d = f.device("d");
        assertThat(info(d).runtimeStatus()).isEqualTo("unsupported");
        RpmFixture.setRuntimeError(d, EIO);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
        assertThat(rpm.setSuspended(d)).isZero();
        assertThat(info(d).runtimeStatus()).isEqualTo("unsupported");
    }

    @Test
    void nonFatalSuspendErrorDoesNotClearAnUnrelatedPreviousState() {
        // -EAGAIN from suspend leaves nothing behind: a later get_sync finds the device ACTIVE
        RpmDevice d = enabledActive();
        rec.suspendResult.set(EAGAIN);
        assertThat(rpm.putSyncSuspend(withRef(d))).isEqualTo(EAGAIN);
        assertThat(rpm.getSync(d)).isEqualTo(1);
        assertThat(rec.calls).containsExactly("d:suspend");
    }

    private RpmDevice withRef(RpmDevice d) {
        rpm.getNoresume(d);
        return d;
    }

    @Test
    void anArmedRuntimeErrorFaultSetsTheErrorAtTheDevicesNextHelperAndEveryGetIsRefused() {
        RpmDevice d = enabledActive();
        f.faults.add(new Fault("d", "runtime_error", EIO, true));
        assertThat(info(d).runtimeError()).as("armed, not yet set").isZero();

        assertThat(rpm.getSync(d)).isEqualTo(EINVAL); // rpm_resume: runtime_error first
        assertThat(info(d).runtimeError()).isEqualTo(EIO);
        assertThat(info(d).runtimeStatus()).isEqualTo("error");
        assertThat(f.faults.list()).as("a once-fault is consumed").isEmpty();

        assertThat(rpm.getSync(d)).isEqualTo(EINVAL); // sticky until set_active/set_suspended
        assertThatThrownBy(() -> f.faults.add(new Fault("nosuch", "runtime_error", EIO, true)))
                .hasMessageContaining("no device named 'nosuch'");
    }
}
