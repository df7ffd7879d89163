package org.pmlab.pm.internal;

import java.util.function.IntSupplier;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * The get path that reads a device's state without its lock ({@code __pm_runtime_resume}'s
 * shortcut for a device already active with nothing pending), explored with Lincheck's model
 * checker: a get on one thread, a writer on another, and Lincheck choosing where the threads
 * switch at every shared read, write and lock. The shortcut must behave as if it had taken the
 * lock: a get that succeeds holds an active device, and a get never answers "already active"
 * from a state no instant of the run had. {@code -Dpmlab.interleavings=N} explores N schedules
 * per test (by default 200, and 1500 for the test whose failure needs three switches at the
 * right places: with the re-validation removed, Lincheck found it within 1500, not within 200).
 */
class FastPathInterleavingTest {

    private static int schedules(int usual) {
        return Integer.getInteger("pmlab.interleavings", usual);
    }

    /** Lincheck inspects the objects of the explored code: plain checks, no assertion library objects. */
    private static void expect(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
    }

    /** The shortcut is taken only while nobody records the trace (so a recorded trace shows every engine entry). */
    private static RpmFixture unobserved() {
        RpmFixture f = new RpmFixture();
        f.trace.enable(false);
        return f;
    }

    /** The writer both "never was" tests race: active only while disabled, so never active and enabled. */
    private static void activeOnlyWhileDisabled(RpmFixture f, RpmDevice dev) {
        f.rpm.disable(dev);
        f.rpm.setActive(dev);
        f.rpm.setSuspended(dev);
        f.rpm.enable(dev);
    }

    private static int[] race(IntSupplier a, Runnable b) {
        int[] r = new int[1];
        Thread ta = new Thread(() -> r[0] = a.getAsInt());
        Thread tb = new Thread(b);
        ta.start();
        tb.start();
        try {
            ta.join();
            tb.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return r;
    }

    /**
     * get_sync racing pm_runtime_suspend of an idle active device: either the suspend wins and
     * the get resumes it (0), or the get's reference makes the suspend back off (1); a get that
     * returns ≥ 0 leaves the device active with its reference.
     */
    @Test
    void getVersusSuspend() {
        Lincheck.runConcurrentTest(schedules(200), () -> {
            RpmFixture f = unobserved();
            RpmDevice dev = f.device("d");
            f.rpm.setActive(dev);
            f.rpm.enable(dev);
            int[] r = race(() -> f.rpm.getSync(dev), () -> f.rpm.suspend(dev));
            expect(r[0] == 0 || r[0] == 1, "get_sync returned " + r[0]);
            expect(dev.status == RuntimeStatus.ACTIVE, "status after a successful get_sync: " + dev.status);
            expect(dev.info().usageCount() == 1, "usage count " + dev.info().usageCount());
        });
    }

    /**
     * A get on a suspended device while a driver, with runtime PM disabled, marks it active and
     * then suspended again and re-enables it. At no instant is the device both active and
     * enabled, so the kernel's get answers 0 (it resumes the device) or -EACCES (disabled, last
     * status suspended) and never 1 ("already active"): a shortcut that read the status before
     * the writer and the disable depth after it, without re-validating, would.
     */
    @Test
    void getNeverSeesAStateThatNeverWas() {
        Lincheck.runConcurrentTest(schedules(1500), () -> {
            RpmFixture f = unobserved();
            RpmDevice dev = f.device("d");
            f.rpm.enable(dev);
            int[] r = race(() -> f.rpm.getSync(dev), () -> activeOnlyWhileDisabled(f, dev));
            expect(r[0] == 0 || r[0] == -13, "get_sync returned " + r[0] + " (1: read a state that never was)");
        });
    }

    /**
     * The sysfs read ({@code info()}) takes no lock either, as the kernel's {@code power/} shows
     * do not: racing the same writer, a snapshot is one the device had at some instant, never
     * "active and enabled" (which it never was).
     */
    @Test
    void infoNeverSeesAStateThatNeverWas() {
        Lincheck.runConcurrentTest(schedules(1500), () -> {
            RpmFixture f = unobserved();
            RpmDevice dev = f.device("d");
            f.rpm.enable(dev);
            boolean[] activeAndEnabled = new boolean[1];
            race(() -> {
                PmInfo seen = dev.info(); // kept local: Lincheck cannot track a record's fields
                activeAndEnabled[0] = seen.status() == RuntimeStatus.ACTIVE && seen.enabled();
                return 0;
            }, () -> activeOnlyWhileDisabled(f, dev));
            expect(!activeAndEnabled[0], "info() read a state that never was: active and enabled");
        });
    }
}
