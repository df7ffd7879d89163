package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;

/**
 * One group per runtime PM helper of include/linux/pm_runtime.h (plus __pm_runtime_set_status
 * for the status setters): the usage-count effect, which engine runs (sync/async, idle or suspend, honouring
 * the autosuspend delay or not) and every listed return value that can be provoked on a bare
 * core. -EPERM (PM QoS, rpm_check_suspend_allowed) cannot be provoked: the API has no QoS knob.
 */
class RuntimePmHelpersTest {

    static final int EAGAIN = Errno.EAGAIN.negative();
    static final int EACCES = Errno.EACCES.negative();
    static final int EINVAL = Errno.EINVAL.negative();
    static final int EBUSY = Errno.EBUSY.negative();
    static final int EIO = Errno.EIO.negative();
    static final int EINPROGRESS = Errno.EINPROGRESS.negative();
    static final long MS = 1_000_000L;

    final RpmFixture f = new RpmFixture();
    final RuntimePm rpm = f.rpm;
    final RecordingOps rec = new RecordingOps();

    /** Enabled, SUSPENDED, usage 0, with recording callbacks (idle included). */
    RpmDevice suspendedDevice(String name) {
        RpmDevice d = f.device(name, null, rec.ops());
        rpm.enable(d);
        return d;
    }

    /** Enabled, ACTIVE, usage 0, nothing queued. */
    RpmDevice activeDevice(String name) {
        RpmDevice d = suspendedDevice(name);
        assertThat(rpm.getSync(d)).isZero();
        rpm.putNoidle(d);
        assertThat(f.info(d).requestPending()).isFalse();
        rec.calls.clear();
        return d;
    }

    /** Parent and child, both enabled and ACTIVE, usage 0 on both (the child holds the parent). */
    RpmDevice[] activeParentAndChild() {
        RpmDevice p = f.device("p", null, rec.ops());
        RpmDevice c = f.device("c", p, rec.ops());
        rpm.enable(p);
        rpm.enable(c);
        assertThat(rpm.getSync(c)).isZero();
        rpm.putNoidle(c);
        f.settle(); // the parent's temporary reference is dropped with an async idle (-EBUSY)
        assertThat(f.info(p).status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(f.info(p).childCount()).isEqualTo(1);
        rec.calls.clear();
        return new RpmDevice[] {p, c};
    }

    void useAutosuspend100ms(RpmDevice d) {
        rpm.setAutosuspendDelay(d, 100);
        rpm.useAutosuspend(d);
    }

    RuntimeStatus status(RpmDevice d) {
        return f.info(d).status();
    }

    int usage(RpmDevice d) {
        return f.info(d).usageCount();
    }

    @Nested
    class GetNoresumeAndPutNoidle {
        @Test
        void getNoresumeTakesAReferenceWithoutResuming() {
            RpmDevice d = suspendedDevice("d");
            rpm.getNoresume(d);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(d).requestPending()).isFalse();
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void putNoidleDropsAReferenceWithoutAnIdleCheck() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.putNoidle(d);
            assertThat(usage(d)).isZero();
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void putNoidleOnZeroStaysAtZeroWithoutWarning() { // pm_runtime_put_noidle: atomic_add_unless
            RpmDevice d = suspendedDevice("d");
            rpm.putNoidle(d);
            assertThat(usage(d)).isZero();
            assertThat(f.logText()).isEmpty();
        }
    }

    @Nested
    class Get {
        @Test
        void onSuspendedDeviceQueuesAResumeAndReturnsZero() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.get(d)).isZero();
            assertThat(usage(d)).isEqualTo(1);
            assertThat(status(d)).as("asynchronous").isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(d).requestPending()).isTrue();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.RESUME);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rec.calls).containsExactly("d:resume");
        }

        @Test
        void onActiveDeviceReturnsOne() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.get(d)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(1);
        }

        @Test
        void onDisabledDeviceReturnsEaccesAndKeepsTheReference() {
            RpmDevice d = f.device("d");
            assertThat(rpm.get(d)).isEqualTo(EACCES);
            assertThat(usage(d)).isEqualTo(1);
        }

        @Test
        void whileItsOwnResumeRunsReturnsEinprogress() {
            RpmDevice d = suspendedDevice("d");
            AtomicInteger inner = new AtomicInteger(42);
            rec.onResume = dev -> {
                inner.set(rpm.get(dev));
                return 0;
            };
            assertThat(rpm.resume(d)).isZero();
            assertThat(inner.get()).isEqualTo(EINPROGRESS);
            assertThat(usage(d)).as("kept on failure").isEqualTo(1);
        }

        @Test
        void duringARunningSuspendIsDeferredAndReturnsZero() { // rpm_suspend: deferred_resume
            RpmDevice d = activeDevice("d");
            AtomicInteger inner = new AtomicInteger(42);
            rec.onSuspend = dev -> {
                inner.set(rpm.get(dev));
                return 0;
            };
            assertThat(rpm.suspend(d)).as("the suspend finished, then the deferred resume ran").isEqualTo(EAGAIN);
            assertThat(inner.get()).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rec.calls).containsExactly("d:suspend", "d:resume");
            assertThat(f.info(d).deferredResume()).isFalse();
            assertThat(usage(d)).isEqualTo(1);
        }
    }

    @Nested
    class GetSync {
        @Test
        void resumesNowAndReturnsZeroThenOneWhenAlreadyActive() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.getSync(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rpm.getSync(d)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(2);
            assertThat(rec.calls).containsExactly("d:resume");
        }

        @Test
        void callbackErrorIsReturnedAndTheReferenceKept() {
            RpmDevice d = suspendedDevice("d");
            rec.resumeResult.set(EIO);
            assertThat(rpm.getSync(d)).isEqualTo(EIO);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void onDisabledDeviceReturnsEaccesAndKeepsTheReference() {
            RpmDevice d = f.device("d");
            assertThat(rpm.getSync(d)).isEqualTo(EACCES);
            assertThat(usage(d)).isEqualTo(1);
        }

        @Test
        void withAParentThatCannotResumeReturnsEbusy() {
            RpmDevice p = f.device("p", null, rec.ops());
            RpmDevice c = f.device("c", p, rec.ops());
            rpm.enable(p);
            rpm.enable(c);
            rec.resumeResult.set(EIO); // the parent's resume fails first
            assertThat(rpm.getSync(c)).isEqualTo(EBUSY);
            assertThat(usage(c)).isEqualTo(1);
            assertThat(rec.calls).containsExactly("p:resume");
        }
    }

    @Nested
    class ResumeAndGet {
        @Test
        void returnsZeroBothWhenResumingAndWhenAlreadyActive() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.resumeAndGet(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rpm.resumeAndGet(d)).as("already active is also 0").isZero();
            assertThat(usage(d)).isEqualTo(2);
        }

        @Test
        void dropsItsReferenceOnError() {
            RpmDevice d = suspendedDevice("d");
            rec.resumeResult.set(EIO);
            assertThat(rpm.resumeAndGet(d)).isEqualTo(EIO);
            assertThat(usage(d)).isZero();
        }

        @Test
        void dropsItsReferenceWhenDisabled() {
            RpmDevice d = f.device("d");
            assertThat(rpm.resumeAndGet(d)).isEqualTo(EACCES);
            assertThat(usage(d)).isZero();
        }
    }

    @Nested
    class GetIfActive {
        @Test
        void disabledDeviceGivesEinval() {
            RpmDevice d = f.device("d");
            assertThat(rpm.getIfActive(d, true)).isEqualTo(EINVAL);
            assertThat(rpm.getIfActive(d, false)).isEqualTo(EINVAL);
            assertThat(usage(d)).isZero();
        }

        @Test
        void suspendedDeviceGivesZeroWithoutReference() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.getIfActive(d, true)).isZero();
            assertThat(rpm.getIfActive(d, false)).isZero();
            assertThat(usage(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void activeDeviceIgnoringUsageAlwaysTakesAReference() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.getIfActive(d, true)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(1);
        }

        @Test
        void activeDeviceNotInUseGivesZeroWhenUsageCountsMatter() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.getIfActive(d, false)).isZero();
            assertThat(usage(d)).isZero();
        }

        @Test
        void activeDeviceInUseTakesAnotherReference() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.getIfActive(d, false)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(2);
        }

        @Test
        void getIfInUseBehavesAsGetIfActiveWithoutIgnoringUsage() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.getIfInUse(d)).isZero();
            assertThat(usage(d)).isZero();
            rpm.getNoresume(d);
            assertThat(rpm.getIfInUse(d)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(2);
        }
    }

    static Stream<KernelVersion> kernels() {
        return Stream.of(KernelVersion.NEWEST, KernelVersion.V6_1);
    }

    @Nested
    class Put {
        @Test
        void withReferencesLeftReturnsZeroAndQueuesNothing() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.getNoresume(d);
            assertThat(rpm.put(d)).isZero();
            assertThat(usage(d)).isEqualTo(1);
            assertThat(f.info(d).requestPending()).isFalse();
        }

        @Test
        void lastReferenceQueuesAnIdleRequestAndTheDeviceSuspendsLater() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.put(d)).isZero();
            assertThat(status(d)).as("asynchronous").isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.IDLE);
            assertThat(rec.calls).isEmpty();
            f.settle();
            assertThat(rec.calls).containsExactly("d:idle", "d:suspend");
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void onDisabledDeviceReturnsEacces() {
            RpmDevice d = f.device("d");
            rpm.getNoresume(d);
            assertThat(rpm.put(d)).isEqualTo(EACCES);
            assertThat(usage(d)).isZero();
        }

        @Test
        void inErrorStateReturnsEinval() {
            RpmDevice d = activeDevice("d");
            RpmFixture.setRuntimeError(d, EIO);
            rpm.getNoresume(d);
            assertThat(rpm.put(d)).isEqualTo(EINVAL);
            assertThat(usage(d)).isZero();
        }

        @Test
        void onZeroReturnsEinvalWarnsAndKeepsZero() { // rpm_drop_usage_count
            RpmDevice d = activeDevice("d");
            assertThat(rpm.put(d)).isEqualTo(EINVAL);
            assertThat(usage(d)).isZero();
            assertThat(f.logText()).containsExactly("d: Runtime PM usage count underflow!");
            assertThat(f.info(d).requestPending()).as("no idle on underflow").isFalse();
        }

        @Test
        void withAnActiveChildReturnsEbusy() {
            RpmDevice p = activeParentAndChild()[0];
            rpm.getNoresume(p);
            assertThat(rpm.put(p)).isEqualTo(EBUSY);
        }

        @ParameterizedTest(name = "kernel {0}")
        @MethodSource("org.pmlab.pm.internal.RuntimePmHelpersTest#kernels")
        void onSuspendedDeviceReturnsOneSince618AndEagainBefore(KernelVersion kernel) {
            RpmFixture g = new RpmFixture(kernel);
            RpmDevice d = g.device("d");
            g.rpm.enable(d);
            g.rpm.getNoresume(d);
            assertThat(g.rpm.put(d)).isEqualTo(kernel.atLeast(KernelVersion.V6_18) ? 1 : EAGAIN);
            assertThat(g.info(d).usageCount()).isZero();
        }
    }

    @Nested
    class PutSync {
        @Test
        void lastReferenceRunsIdleAndSuspendsNow() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.putSync(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).containsExactly("d:idle", "d:suspend");
        }

        @Test
        void withAutosuspendArmsTheTimerAndReturnsZero() { // rpm_idle ORs in RPM_AUTO
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            assertThat(rpm.getSync(d)).isZero();
            assertThat(rpm.putSync(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(f.info(d).lastBusyNs() + 100 * MS);
        }

        @Test
        void idleCallbackVetoIsReturned() {
            RpmDevice d = activeDevice("d");
            rec.idleResult.set(EBUSY);
            rpm.getNoresume(d);
            assertThat(rpm.putSync(d)).isEqualTo(EBUSY);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
        }

        @Test
        void suspendCallbackErrorIsReturned() {
            RpmDevice d = activeDevice("d");
            rec.suspendResult.set(EIO);
            rpm.getNoresume(d);
            assertThat(rpm.putSync(d)).isEqualTo(EIO);
        }

        @Test
        void onZeroReturnsEinvalAndWarns() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.putSync(d)).isEqualTo(EINVAL);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.logText()).containsExactly("d: Runtime PM usage count underflow!");
        }

        @ParameterizedTest(name = "kernel {0}")
        @MethodSource("org.pmlab.pm.internal.RuntimePmHelpersTest#kernels")
        void onSuspendedDeviceReturnsOneSince618AndEagainBefore(KernelVersion kernel) {
            RpmFixture g = new RpmFixture(kernel);
            RpmDevice d = g.device("d");
            g.rpm.enable(d);
            g.rpm.getNoresume(d);
            assertThat(g.rpm.putSync(d)).isEqualTo(kernel.atLeast(KernelVersion.V6_18) ? 1 : EAGAIN);
        }
    }

    @Nested
    class PutAutosuspend {
        @Test
        void withoutAutosuspendQueuesAnAutosuspendRequestNotAnIdle() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.putAutosuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.AUTOSUSPEND);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).as("suspend engine, the idle callback is skipped").containsExactly("d:suspend");
        }

        @Test
        void withAutosuspendArmsTheTimer() {
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            rpm.getSync(d);
            rpm.markLastBusy(d);
            assertThat(rpm.putAutosuspend(d)).isZero();
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(f.clock.nanoTime() + 100 * MS);
            assertThat(f.info(d).timerAutosuspends()).isTrue();
            assertThat(f.info(d).requestPending()).isFalse();
        }

        @Test
        void onSuspendedDeviceReturnsOne() {
            RpmDevice d = suspendedDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.putAutosuspend(d)).isEqualTo(1);
        }

        @Test
        void withReferencesLeftReturnsZero() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.getNoresume(d);
            assertThat(rpm.putAutosuspend(d)).isZero();
            assertThat(usage(d)).isEqualTo(1);
            assertThat(f.info(d).requestPending()).isFalse();
        }
    }

    @Nested
    class PutSyncSuspend {
        @Test
        void suspendsNowIgnoringTheAutosuspendDelayAndTheIdleCallback() {
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            rpm.getSync(d);
            rec.calls.clear();
            rpm.markLastBusy(d);
            assertThat(rpm.putSyncSuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).containsExactly("d:suspend");
        }

        @Test
        void onSuspendedDeviceReturnsOneAndWithReferencesLeftZero() {
            RpmDevice d = suspendedDevice("d");
            rpm.getNoresume(d);
            rpm.getNoresume(d);
            assertThat(rpm.putSyncSuspend(d)).isZero();
            assertThat(rpm.putSyncSuspend(d)).isEqualTo(1);
            assertThat(usage(d)).isZero();
        }
    }

    @Nested
    class PutSyncAutosuspend {
        @Test
        void withAutosuspendOnlyArmsTheTimerAndReturnsZero() {
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            rpm.getSync(d);
            rpm.markLastBusy(d);
            assertThat(rpm.putSyncAutosuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(f.clock.nanoTime() + 100 * MS);
        }

        @Test
        void withoutAutosuspendSuspendsNow() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.putSyncAutosuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).containsExactly("d:suspend");
        }
    }

    @Nested
    class Idle {
        @Test
        void runsTheIdleCallbackAndSuspends() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.idle(d)).isZero();
            assertThat(rec.calls).containsExactly("d:idle", "d:suspend");
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void honoursTheAutosuspendDelay() {
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            rpm.getSync(d);
            rpm.putNoidle(d);
            assertThat(rpm.idle(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).timerExpiresNs()).isNotZero();
        }

        @Test
        void idleCallbackVetoIsReturnedAndIsNotAnError() {
            RpmDevice d = activeDevice("d");
            rec.idleResult.set(EBUSY);
            assertThat(rpm.idle(d)).isEqualTo(EBUSY);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).runtimeError()).isZero();
        }

        @Test
        void pendingNonIdleRequestGivesEagain() { // rpm_idle: a pending request other than idle
            RpmDevice d = activeDevice("d");
            assertThat(rpm.requestAutosuspend(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.AUTOSUSPEND);
            assertThat(rpm.idle(d)).isEqualTo(EAGAIN);
        }

        @Test
        void fromInsideTheIdleCallbackGivesEinprogress() { // rpm_idle: idle_notification set
            RpmDevice d = activeDevice("d");
            AtomicInteger inner = new AtomicInteger(42);
            rec.onIdle = dev -> {
                inner.set(rpm.idle(dev));
                return 0;
            };
            rec.idleResult.set(EBUSY);
            assertThat(rpm.idle(d)).isEqualTo(EBUSY);
            assertThat(inner.get()).isEqualTo(EINPROGRESS);
        }

        @Test
        void activeChildGivesEbusyAndDisabledGivesEacces() {
            RpmDevice p = activeParentAndChild()[0];
            assertThat(rpm.idle(p)).isEqualTo(EBUSY);
            rpm.disable(p);
            assertThat(rpm.idle(p)).isEqualTo(EACCES);
        }

        @Test
        void errorStateGivesEinval() {
            RpmDevice d = activeDevice("d");
            RpmFixture.setRuntimeError(d, EIO);
            assertThat(rpm.idle(d)).isEqualTo(EINVAL);
        }
    }

    @Nested
    class RequestIdle {
        @Test
        void queuesTheIdleRequestWithoutRunningTheCallback() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.requestIdle(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.IDLE);
            assertThat(rec.calls).isEmpty();
            f.settle();
            assertThat(rec.calls).containsExactly("d:idle", "d:suspend");
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void checksBeforeQueueing() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.requestIdle(d)).isEqualTo(EAGAIN);
            assertThat(f.info(d).requestPending()).isFalse();
        }

        @Test
        void withoutIdleCallbackGoesStraightToAnAutosuspendRequest() { // rpm_idle: no idle callback, then the autosuspend request
            RpmDevice d = f.device("d");
            rpm.setActive(d);
            rpm.enable(d);
            assertThat(rpm.requestIdle(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.AUTOSUSPEND);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }
    }

    @Nested
    class Suspend {
        @Test
        void suspendsWithoutTheIdleCallbackThenReportsAlreadySuspended() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.suspend(d)).isZero();
            assertThat(rec.calls).containsExactly("d:suspend");
            assertThat(rpm.suspend(d)).isEqualTo(1);
        }

        @Test
        void inUseGivesEagain() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            assertThat(rpm.suspend(d)).isEqualTo(EAGAIN);
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void whileResumingGivesEagain() {
            RpmDevice d = suspendedDevice("d");
            AtomicInteger inner = new AtomicInteger(42);
            rec.onResume = dev -> {
                inner.set(rpm.suspend(dev));
                return 0;
            };
            assertThat(rpm.resume(d)).isZero();
            assertThat(inner.get()).isEqualTo(EAGAIN);
        }

        @Test
        void pendingResumeWinsOverAlreadySuspended() { // rpm_check_suspend_allowed: a pending resume is checked before the status
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.requestResume(d)).isZero();
            assertThat(rpm.suspend(d)).isEqualTo(EAGAIN);
        }

        @Test
        void callbackEagainIsReturnedAndStaysActive() {
            RpmDevice d = activeDevice("d");
            rec.suspendResult.set(EAGAIN);
            assertThat(rpm.suspend(d)).isEqualTo(EAGAIN);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
        }

        @Test
        void activeChildGivesEbusyAndDisabledGivesEacces() {
            RpmDevice p = activeParentAndChild()[0];
            assertThat(rpm.suspend(p)).isEqualTo(EBUSY);
            rpm.disable(p);
            assertThat(rpm.suspend(p)).isEqualTo(EACCES);
        }

        @Test
        void cancelsAPendingIdleRequest() { // runtime_pm.rst: a resume cancels pending requests
            RpmDevice d = activeDevice("d");
            rpm.requestIdle(d);
            assertThat(rpm.suspend(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.NONE);
            f.settle();
            assertThat(rec.calls).containsExactly("d:suspend");
        }
    }

    @Nested
    class AutosuspendAndRequestAutosuspend {
        @Test
        void autosuspendArmsTheTimerWhileTheDelayRuns() {
            RpmDevice d = suspendedDevice("d");
            useAutosuspend100ms(d);
            rpm.getSync(d);
            rpm.putNoidle(d);
            assertThat(rpm.autosuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).timerExpiresNs()).isNotZero();
        }

        @Test
        void autosuspendSuspendsNowWithoutAutosuspendInUse() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.autosuspend(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void requestAutosuspendQueuesOrArmsTheTimer() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.requestAutosuspend(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.AUTOSUSPEND);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);

            useAutosuspend100ms(d);
            rpm.resume(d);
            rpm.markLastBusy(d);
            assertThat(rpm.requestAutosuspend(d)).isZero();
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(f.clock.nanoTime() + 100 * MS);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
        }
    }

    @Nested
    class ScheduleSuspend {
        @Test
        void zeroDelayQueuesASuspendRequest() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.scheduleSuspend(d, 0)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.SUSPEND);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).containsExactly("d:suspend");
        }

        @Test
        void nonZeroDelayArmsANonAutosuspendTimer() {
            RpmDevice d = activeDevice("d");
            long t0 = f.clock.nanoTime();
            assertThat(rpm.scheduleSuspend(d, 50)).isZero();
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(t0 + 50 * MS);
            assertThat(f.info(d).timerAutosuspends()).isFalse();
            f.advanceMs(49);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            f.advanceMs(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void alreadySuspendedGivesOneAndInUseGivesEagain() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.scheduleSuspend(d, 0)).isEqualTo(1);
            assertThat(rpm.scheduleSuspend(d, 10)).isEqualTo(1);
            RpmDevice e = activeDevice("e");
            rpm.getNoresume(e);
            assertThat(rpm.scheduleSuspend(e, 0)).isEqualTo(EAGAIN);
            assertThat(rpm.scheduleSuspend(e, 10)).isEqualTo(EAGAIN);
            assertThat(f.info(e).timerExpiresNs()).isZero();
        }
    }

    @Nested
    class Resume {
        @Test
        void resumesNowAndQueuesAnIdleBecauseNoReferenceIsHeld() { // rpm_resume: the idle queued after a successful resume
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.resume(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.IDLE);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).containsExactly("d:resume", "d:idle", "d:suspend");
        }

        @Test
        void alreadyActiveGivesOneDisabledEaccesErrorEinval() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.resume(d)).isEqualTo(1);
            RpmDevice e = f.device("e");
            assertThat(rpm.resume(e)).isEqualTo(EACCES);
            RpmFixture.setRuntimeError(d, EIO);
            assertThat(rpm.resume(d)).isEqualTo(EINVAL);
        }

        @Test
        void callbackErrorIsReturned() {
            RpmDevice d = suspendedDevice("d");
            rec.resumeResult.set(EIO);
            assertThat(rpm.resume(d)).isEqualTo(EIO);
        }

        @Test
        void parentThatCannotResumeGivesEbusy() {
            RpmDevice p = f.device("p", null, rec.ops());
            RpmDevice c = f.device("c", p, rec.ops());
            rpm.enable(p);
            rpm.enable(c);
            rec.resumeResult.set(EIO);
            assertThat(rpm.resume(c)).isEqualTo(EBUSY);
        }
    }

    @Nested
    class RequestResume {
        @Test
        void queuesAResume() {
            RpmDevice d = suspendedDevice("d");
            rec.idleResult.set(EBUSY); // keep it active after the post-resume idle check
            assertThat(rpm.requestResume(d)).isZero();
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.RESUME);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(d)).isZero();
        }

        @Test
        void alreadyActiveGivesOneDisabledEaccesErrorEinval() {
            RpmDevice d = activeDevice("d");
            assertThat(rpm.requestResume(d)).isEqualTo(1);
            RpmDevice e = f.device("e");
            assertThat(rpm.requestResume(e)).isEqualTo(EACCES);
            RpmFixture.setRuntimeError(d, EIO);
            assertThat(rpm.requestResume(d)).isEqualTo(EINVAL);
        }

        @Test
        void whileResumingGivesEinprogress() {
            RpmDevice d = suspendedDevice("d");
            AtomicInteger inner = new AtomicInteger(42);
            rec.onResume = dev -> {
                inner.set(rpm.requestResume(dev));
                return 0;
            };
            rpm.getSync(d);
            assertThat(inner.get()).isEqualTo(EINPROGRESS);
        }
    }

    @Nested
    class Barrier {
        @Test
        void performsAPendingResumeAndReturnsOne() {
            RpmDevice d = suspendedDevice("d");
            rpm.get(d);
            assertThat(rpm.barrier(d)).isEqualTo(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(d)).as("+1/-1 around it").isEqualTo(1);
            assertThat(f.info(d).requestPending()).isFalse();
        }

        @Test
        void cancelsOtherRequestsAndTimersAndReturnsZero() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.put(d); // queues an idle request
            assertThat(rpm.barrier(d)).isZero();
            assertThat(f.info(d).requestPending()).isFalse();
            RpmDevice e = activeDevice("e");
            rpm.scheduleSuspend(e, 10);
            assertThat(rpm.barrier(e)).isZero();
            assertThat(f.info(e).timerExpiresNs()).isZero();
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(status(e)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rec.calls).isEmpty();
            assertThat(usage(d)).isZero();
        }
    }

    @Nested
    class EnableDisable {
        @Test
        void unbalancedEnableWarnsAndDepthStaysZero() {
            RpmDevice d = suspendedDevice("d");
            rpm.enable(d);
            assertThat(f.info(d).disableDepth()).isZero();
            assertThat(f.logText()).containsExactly("d: Unbalanced pm_runtime_enable!");
        }

        @Test
        void depthNests() {
            RpmDevice d = activeDevice("d");
            rpm.disable(d);
            rpm.disable(d);
            assertThat(f.info(d).disableDepth()).isEqualTo(2);
            rpm.enable(d);
            assertThat(rpm.enabled(d)).isFalse();
            assertThat(f.info(d).lastStatus()).isEqualTo(RuntimeStatus.ACTIVE);
            rpm.enable(d);
            assertThat(rpm.enabled(d)).isTrue();
            assertThat(f.info(d).lastStatus()).as("reset when the depth reaches 0").isEqualTo(RuntimeStatus.INVALID);
            assertThat(f.logText()).isEmpty();
        }

        @Test
        void enablingASuspendedDeviceWithActiveChildrenWarns() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            assertThat(rpm.setActive(c)).isZero(); // parent disabled: allowed, counted
            assertThat(f.info(p).childCount()).isEqualTo(1);
            rpm.enable(p);
            assertThat(f.logText()).hasSize(1);
            assertThat(f.logText().get(0)).startsWith("p").contains("active children");
        }

        @Test
        void disablePerformsAPendingResume() {
            RpmDevice d = suspendedDevice("d");
            rpm.get(d);
            rpm.disable(d);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).disableDepth()).isEqualTo(1);
            assertThat(f.info(d).lastStatus()).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(rec.calls).containsExactly("d:resume");
        }

        @Test
        void disableWithoutResumeCheckDropsThePendingResume() {
            RpmDevice d = suspendedDevice("d");
            rpm.get(d);
            rpm.disable(d, false);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(d).requestPending()).isFalse();
            assertThat(f.info(d).lastStatus()).isEqualTo(RuntimeStatus.SUSPENDED);
            f.settle();
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void disableCancelsPendingSuspendWorkAndTimers() {
            RpmDevice d = activeDevice("d");
            rpm.requestAutosuspend(d);
            RpmDevice e = activeDevice("e");
            rpm.scheduleSuspend(e, 10);
            rpm.disable(d);
            rpm.disable(e);
            assertThat(f.info(d).requestPending()).isFalse();
            assertThat(f.info(e).timerExpiresNs()).isZero();
            f.settle();
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void disabledActiveDeviceStillReportsActiveToGets() { // rpm_resume: disable_depth with RPM_ACTIVE returns 1 (checked in 6.1)
            RpmDevice d = activeDevice("d");
            rpm.disable(d);
            assertThat(rpm.getSync(d)).isEqualTo(1);
            assertThat(rpm.resume(d)).isEqualTo(1);
            assertThat(usage(d)).isEqualTo(1);
        }
    }

    @Nested
    class AllowForbid {
        @Test
        void forbidResumesSynchronouslyAndTakesAReferenceOnce() {
            RpmDevice d = suspendedDevice("d");
            rpm.forbid(d);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(f.info(d).control()).isEqualTo("on");
            rpm.forbid(d);
            assertThat(usage(d)).as("no-op when repeated").isEqualTo(1);
            assertThat(rec.calls).containsExactly("d:resume");
        }

        @Test
        void allowDropsTheReferenceAndQueuesAnIdleOnce() {
            RpmDevice d = suspendedDevice("d");
            rpm.forbid(d);
            rpm.allow(d);
            assertThat(usage(d)).isZero();
            assertThat(f.info(d).control()).isEqualTo("auto");
            assertThat(status(d)).as("asynchronous").isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).requestPending()).isTrue();
            rpm.allow(d);
            assertThat(usage(d)).as("no-op when repeated").isZero();
            assertThat(f.logText()).isEmpty();
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void allowWithOtherReferencesOnlyDecrements() {
            RpmDevice d = suspendedDevice("d");
            rpm.forbid(d);
            rpm.getNoresume(d);
            rpm.allow(d);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(f.info(d).requestPending()).isFalse();
        }

        @Test
        void allowOnZeroWarnsAndStaysAtZero() { // pm_runtime_allow: rpm_drop_usage_count
            RpmDevice d = activeDevice("d");
            rpm.forbid(d);
            rpm.putNoidle(d);
            rpm.allow(d);
            assertThat(usage(d)).isZero();
            assertThat(f.logText()).containsExactly("d: Runtime PM usage count underflow!");
            assertThat(f.info(d).requestPending()).as("no idle").isFalse();
            assertThat(f.info(d).runtimeAuto()).isTrue();
        }
    }

    @Nested
    class SetStatus { // __pm_runtime_set_status
        @Test
        void enabledDeviceWithoutErrorGivesEagainAndNothingChanges() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.setActive(d)).isEqualTo(EAGAIN);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            RpmDevice e = activeDevice("e");
            assertThat(rpm.setSuspended(e)).isEqualTo(EAGAIN);
            assertThat(status(e)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).disableDepth()).isZero();
            assertThat(f.info(e).disableDepth()).isZero();
        }

        @Test
        void enabledNonActiveParentGivesEbusyAndChildStaysSuspended() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            rpm.enable(p);
            assertThat(rpm.setActive(c)).isEqualTo(EBUSY);
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(p).childCount()).isZero();
            assertThat(f.info(c).disableDepth()).as("bump undone").isEqualTo(1);
        }

        @Test
        void ebusyDoesNotClearAnError() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            rpm.enable(p);
            rpm.enable(c);
            RpmFixture.setRuntimeError(c, EIO);
            assertThat(rpm.setActive(c)).isEqualTo(EBUSY);
            assertThat(f.info(c).runtimeError()).isEqualTo(EIO);
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void activeParentCountsTheChildOnce() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            rpm.setActive(p);
            rpm.enable(p);
            assertThat(rpm.setActive(c)).isZero();
            assertThat(rpm.setActive(c)).as("no status change: no second count").isZero();
            assertThat(f.info(p).childCount()).isEqualTo(1);
        }

        @Test
        void disabledOrIgnoringParentAcceptsAnActiveChild() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            assertThat(rpm.setActive(c)).isZero(); // parent disabled
            assertThat(f.info(p).childCount()).isEqualTo(1);

            RpmDevice q = f.device("q");
            RpmDevice k = f.device("k", q);
            rpm.suspendIgnoreChildren(q, true);
            rpm.enable(q);
            assertThat(rpm.setActive(k)).isZero(); // parent enabled, suspended, ignores children
            assertThat(f.info(q).childCount()).isEqualTo(1);
            assertThat(status(q)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void setSuspendedUncountsTheChildAndLetsTheParentIdle() {
            RpmDevice p = f.device("p");
            RpmDevice c = f.device("c", p);
            rpm.setActive(p);
            rpm.enable(p);
            rpm.setActive(c);
            assertThat(rpm.idle(p)).isEqualTo(EBUSY);
            assertThat(rpm.setSuspended(c)).isZero();
            assertThat(f.info(p).childCount()).isZero();
            assertThat(f.info(p).requestPending()).as("pm_request_idle(parent)").isTrue();
            f.settle();
            assertThat(status(p)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void errorAllowsItOnAnEnabledDeviceAndClearsIt() {
            RpmDevice d = activeDevice("d");
            RpmFixture.setRuntimeError(d, EIO);
            assertThat(rpm.setSuspended(d)).isZero();
            assertThat(f.info(d).runtimeError()).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(d).disableDepth()).as("re-enabled cleanly").isZero();
            assertThat(f.logText()).isEmpty();
        }
    }

    @Nested
    class MarkLastBusyAndAutosuspendSetters {
        @Test
        void markLastBusyRecordsNow() {
            RpmDevice d = activeDevice("d");
            f.advanceMs(7);
            rpm.markLastBusy(d);
            assertThat(f.info(d).lastBusyNs()).isEqualTo(f.clock.nanoTime());
        }

        @Test
        void negativeDelayWithAutosuspendTakesAReferenceAndResumes() {
            RpmDevice d = suspendedDevice("d");
            rpm.setAutosuspendDelay(d, -1); // not "never" yet: use_autosuspend is off
            assertThat(usage(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            rpm.useAutosuspend(d);
            assertThat(usage(d)).isEqualTo(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            rpm.setAutosuspendDelay(d, -5);
            assertThat(usage(d)).as("still never: unchanged").isEqualTo(1);
        }

        @Test
        void leavingNeverDropsTheReferenceAndRunsASynchronousIdle() {
            RpmDevice d = suspendedDevice("d");
            rpm.useAutosuspend(d);
            rpm.setAutosuspendDelay(d, -1);
            assertThat(usage(d)).isEqualTo(1);
            rpm.setAutosuspendDelay(d, 0);
            assertThat(usage(d)).isZero();
            assertThat(status(d)).as("delay 0: suspended now").isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void dontUseAutosuspendAlsoLeavesNever() {
            RpmDevice d = suspendedDevice("d");
            rpm.setAutosuspendDelay(d, -1);
            rpm.useAutosuspend(d);
            rpm.dontUseAutosuspend(d);
            assertThat(usage(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }

        @Test
        void positiveDelayAfterNeverArmsTheTimer() {
            RpmDevice d = suspendedDevice("d");
            rpm.useAutosuspend(d);
            rpm.setAutosuspendDelay(d, -1);
            rpm.markLastBusy(d);
            rpm.setAutosuspendDelay(d, 100);
            assertThat(usage(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(d).timerExpiresNs()).isEqualTo(f.clock.nanoTime() + 100 * MS);
        }
    }

    @Nested
    class NoCallbacksIrqSafeIgnoreChildren {
        @Test
        void noCallbacksDeviceSuspendsWithoutCallingAndEvenAsyncPutIsImmediate() { // rpm_suspend: no_callbacks
            RpmDevice d = activeDevice("d");
            rpm.noCallbacks(d);
            rec.suspendResult.set(EIO);
            rpm.getNoresume(d);
            assertThat(rpm.put(d)).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(rec.calls).isEmpty();
            assertThat(f.info(d).noCallbacks()).isTrue();
        }

        @Test
        void noCallbacksChildOfActiveParentResumesWithoutTouchingTheParentAndReturnsOne() { // rpm_resume: no_callbacks
            RpmDevice[] pc = activeParentAndChild();
            RpmDevice p = pc[0];
            RpmDevice n = f.device("n", p, rec.ops());
            rpm.noCallbacks(n);
            rpm.enable(n);
            assertThat(rpm.getSync(n)).isEqualTo(1);
            assertThat(status(n)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(p).childCount()).isEqualTo(2);
            assertThat(usage(p)).isZero();
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void noCallbacksChildOfDisabledOrIgnoringSuspendedParentSkipsIt() {
            RpmDevice p = f.device("p", null, rec.ops());
            RpmDevice n = f.device("n", p);
            rpm.noCallbacks(n);
            rpm.enable(n);
            assertThat(rpm.getSync(n)).isEqualTo(1);
            assertThat(status(p)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(p).childCount()).isEqualTo(1);

            RpmDevice q = f.device("q", null, rec.ops());
            RpmDevice m = f.device("m", q);
            rpm.suspendIgnoreChildren(q, true);
            rpm.enable(q);
            rpm.noCallbacks(m);
            rpm.enable(m);
            assertThat(rpm.getSync(m)).isEqualTo(1);
            assertThat(status(q)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(q).childCount()).isEqualTo(1);
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void noCallbacksChildOfSuspendedEnabledParentResumesTheParentFirst() {
            RpmDevice p = f.device("p", null, rec.ops());
            RpmDevice n = f.device("n", p);
            rpm.enable(p);
            rpm.noCallbacks(n);
            rpm.enable(n);
            assertThat(rpm.getSync(n)).isZero();
            assertThat(status(p)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(p).childCount()).isEqualTo(1);
            assertThat(rec.calls).containsExactly("p:resume");
        }

        @Test
        void irqSafeTakesAPermanentParentReference() {
            RpmDevice p = f.device("p", null, rec.ops());
            RpmDevice c = f.device("c", p, rec.ops());
            rpm.enable(p);
            rpm.enable(c);
            rpm.irqSafe(c);
            assertThat(f.info(c).irqSafe()).isTrue();
            assertThat(usage(p)).isEqualTo(1);
            assertThat(status(p)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rpm.getSync(c)).isZero();
            assertThat(f.info(p).childCount()).isEqualTo(1);
            assertThat(rpm.putSync(c)).isZero();
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(p).childCount()).isZero();
            assertThat(f.info(p).requestPending()).as("an irq-safe child does not idle its parent").isFalse();
            f.settle();
            assertThat(status(p)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(usage(p)).isEqualTo(1);
        }

        @Test
        void ignoreChildrenLetsAParentSuspendUnderAnActiveChild() { // C4
            RpmDevice[] pc = activeParentAndChild();
            RpmDevice p = pc[0];
            assertThat(rpm.suspend(p)).isEqualTo(EBUSY);
            rpm.suspendIgnoreChildren(p, true);
            assertThat(f.info(p).ignoreChildren()).isTrue();
            assertThat(f.info(p).activeKids()).as("sysfs shows 0 when ignored").isZero();
            assertThat(f.info(p).childCount()).as("still maintained").isEqualTo(1);
            assertThat(rpm.suspend(p)).isZero();
            assertThat(status(p)).isEqualTo(RuntimeStatus.SUSPENDED);
        }
    }

    @Nested
    class RequestInteractions { // rpm_suspend, rpm_resume, runtime_pm.rst on pending requests
        @Test
        void aResumeCancelsAQueuedIdleRequest() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.put(d);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.IDLE);
            assertThat(rpm.getSync(d)).isEqualTo(1);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.NONE);
            f.settle();
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void aResumeCancelsAQueuedSuspendRequest() {
            RpmDevice d = activeDevice("d");
            rpm.scheduleSuspend(d, 0);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.SUSPEND);
            assertThat(rpm.resume(d)).isEqualTo(1);
            assertThat(f.info(d).request()).isEqualTo(RpmRequest.NONE);
            f.settle();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(rec.calls).isEmpty();
        }

        @Test
        void asynchronousSuspendsDuringARunningSuspendGiveEinprogress() { // rpm_suspend: RPM_SUSPENDING with RPM_ASYNC
            RpmDevice d = activeDevice("d");
            AtomicInteger fromRequest = new AtomicInteger(42);
            AtomicInteger fromSchedule = new AtomicInteger(42);
            rec.onSuspend = dev -> {
                fromRequest.set(rpm.requestAutosuspend(dev));
                fromSchedule.set(rpm.scheduleSuspend(dev, 0));
                return 0;
            };
            assertThat(rpm.suspend(d)).isZero();
            assertThat(fromRequest.get()).isEqualTo(EINPROGRESS);
            assertThat(fromSchedule.get()).isEqualTo(EINPROGRESS);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
        }
    }

    @Nested
    class ForceSuspendResume { // pm_runtime_force_suspend/resume
        @Test
        void forceSuspendOfAnIdleDeviceMarksItSuspendedAndForceResumeOnlyReEnables() {
            RpmDevice[] pc = activeParentAndChild();
            RpmDevice p = pc[0];
            RpmDevice c = pc[1];
            rpm.getNoresume(c); // the reference the PM core holds across system sleep
            assertThat(rpm.forceSuspend(c)).isZero();
            assertThat(rec.calls).containsExactly("c:suspend");
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(c).disableDepth()).isEqualTo(1);
            assertThat(f.info(p).childCount()).as("set_suspended gave the parent its count back").isZero();

            assertThat(rpm.forceResume(c)).isZero();
            assertThat(rec.calls).as("needs_force_resume was not set").containsExactly("c:suspend");
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(c).disableDepth()).isZero();
        }

        @Test
        void forceSuspendOfABusyDeviceOnlyChangesTheStatusAndForceResumeRestoresIt() {
            RpmDevice[] pc = activeParentAndChild();
            RpmDevice p = pc[0];
            RpmDevice c = pc[1];
            rpm.getNoresume(c);
            rpm.getNoresume(c); // usage 2: it must be resumed afterwards
            assertThat(rpm.forceSuspend(c)).isZero();
            assertThat(status(c)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(p).childCount()).as("only the status changed").isEqualTo(1);

            f.advanceMs(5);
            assertThat(rpm.forceResume(c)).isZero();
            assertThat(rec.calls).containsExactly("c:suspend", "c:resume");
            assertThat(status(c)).isEqualTo(RuntimeStatus.ACTIVE);
            assertThat(f.info(c).disableDepth()).isZero();
            assertThat(f.info(c).lastBusyNs()).isEqualTo(f.clock.nanoTime());
            assertThat(f.info(p).childCount()).isEqualTo(1);
        }

        @Test
        void forceSuspendOfASuspendedDeviceOnlyDisables() {
            RpmDevice d = suspendedDevice("d");
            assertThat(rpm.forceSuspend(d)).isZero();
            assertThat(rec.calls).isEmpty();
            assertThat(f.info(d).disableDepth()).isEqualTo(1);
        }

        @Test
        void forceSuspendCallbackErrorReEnablesAndIsReturned() {
            RpmDevice d = activeDevice("d");
            rec.suspendResult.set(EIO);
            assertThat(rpm.forceSuspend(d)).isEqualTo(EIO);
            assertThat(f.info(d).disableDepth()).isZero();
            assertThat(status(d)).isEqualTo(RuntimeStatus.ACTIVE);
        }

        @Test
        void forceResumeCallbackErrorLeavesItSuspendedAndReEnables() {
            RpmDevice d = activeDevice("d");
            rpm.getNoresume(d);
            rpm.getNoresume(d);
            rpm.forceSuspend(d);
            rec.resumeResult.set(EIO);
            assertThat(rpm.forceResume(d)).isEqualTo(EIO);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(f.info(d).disableDepth()).isZero();
        }
    }

    @Nested
    class SysfsWords { // drivers/base/power/sysfs.c
        @Test
        void runtimeEnabledAndControlFollowDepthAndForbid() {
            RpmDevice d = f.device("d");
            assertThat(f.info(d).runtimeEnabled()).isEqualTo("disabled");
            assertThat(f.info(d).runtimeStatus()).isEqualTo("unsupported");
            rpm.forbid(d);
            assertThat(f.info(d).runtimeEnabled()).isEqualTo("disabled & forbidden");
            assertThat(f.info(d).control()).isEqualTo("on");
            assertThat(usage(d)).as("forbid takes its reference even when the resume fails").isEqualTo(1);
            assertThat(status(d)).isEqualTo(RuntimeStatus.SUSPENDED);
            rpm.enable(d);
            assertThat(f.info(d).runtimeEnabled()).isEqualTo("forbidden");
            rpm.allow(d);
            assertThat(f.info(d).runtimeEnabled()).isEqualTo("enabled");
            assertThat(f.info(d).runtimeStatus()).isEqualTo("suspended");
        }
    }
}
