package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * Several threads using the helpers on one small tree (a parent with three children), as
 * drivers on different CPUs would. Checks the end state, and inside the callbacks the
 * contract of Documentation/power/runtime_pm.rst and rpm_resume's "parent first".
 */
class ConcurrencyTest {

    private static final int EAGAIN = Errno.EAGAIN.negative();
    private static final int EBUSY = Errno.EBUSY.negative();
    private static final int EINPROGRESS = Errno.EINPROGRESS.negative();
    private static final Set<Integer> PUT_RESULTS = Set.of(0, 1, EAGAIN, EBUSY, EINPROGRESS);

    private static final int THREADS = 4;
    private static final int ROUNDS = 3000;

    private final RpmFixture f = new RpmFixture();
    private final RuntimePm rpm = f.rpm;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inSuspendOrResume = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> resumes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> suspends = new ConcurrentHashMap<>();
    private RpmDevice parent;
    private final List<RpmDevice> children = new ArrayList<>();

    private DevPmOps checkingOps() {
        return new DevPmOps(this::suspendCb, this::resumeCb, this::idleCb);
    }

    private int suspendCb(PmDevice d) {
        enter(d, "suspend");
        if (d == parent) {
            for (RpmDevice c : children) {
                if (c.status != RuntimeStatus.SUSPENDED) { // rpm_check_suspend_allowed: child_count must be 0
                    violations.add("parent suspending while " + c.name + " is " + c.status);
                }
            }
        }
        Thread.yield();
        suspends.computeIfAbsent(d.name(), k -> new AtomicInteger()).incrementAndGet();
        leave(d);
        return 0;
    }

    private int resumeCb(PmDevice d) {
        enter(d, "resume");
        if (d != parent && parent.status != RuntimeStatus.ACTIVE) { // rpm_resume: parent resumed first
            violations.add(d.name() + " resuming while the parent is " + parent.status);
        }
        Thread.yield();
        resumes.computeIfAbsent(d.name(), k -> new AtomicInteger()).incrementAndGet();
        leave(d);
        return 0;
    }

    private int idleCb(PmDevice d) {
        Thread.yield();
        return 0;
    }

    /** runtime_pm.rst: suspend and resume callbacks of one device never overlap. */
    private void enter(PmDevice d, String what) {
        int n = inSuspendOrResume.computeIfAbsent(d.name(), k -> new AtomicInteger()).incrementAndGet();
        if (n != 1) {
            violations.add(what + " of " + d.name() + " overlaps another callback (" + n + ")");
        }
    }

    private void leave(PmDevice d) {
        inSuspendOrResume.get(d.name()).decrementAndGet();
    }

    private void buildTree() {
        parent = f.device("p", null, checkingOps());
        rpm.enable(parent);
        for (int i = 0; i < 3; i++) {
            RpmDevice c = f.device("c" + i, parent, checkingOps());
            rpm.enable(c);
            children.add(c);
        }
    }

    private List<RpmDevice> all() {
        List<RpmDevice> l = new ArrayList<>();
        l.add(parent);
        l.addAll(children);
        return l;
    }

    /** A bounded loop of get_sync followed by put_sync or put, on a random device of the tree. */
    private List<String> worker(int seed, CountDownLatch start) throws InterruptedException {
        List<String> bad = new ArrayList<>();
        Random rnd = new Random(seed);
        List<RpmDevice> devices = all();
        start.await();
        for (int i = 0; i < ROUNDS; i++) {
            RpmDevice d = devices.get(rnd.nextInt(devices.size()));
            int g = rpm.getSync(d);
            if (g != 0 && g != 1) {
                bad.add("get_sync(" + d.name + ") = " + Errno.describe(g));
            }
            if (rnd.nextInt(4) == 0) {
                Thread.yield();
            }
            int p = rnd.nextBoolean() ? rpm.putSync(d) : rpm.put(d);
            if (!PUT_RESULTS.contains(p)) {
                bad.add("put(" + d.name + ") = " + Errno.describe(p));
            }
        }
        return bad;
    }

    private static ExecutorService daemonPool(int n) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "rpm-worker");
            t.setDaemon(true); // a deadlocked worker must not keep the JVM alive
            return t;
        });
    }

    private void runWorkers(boolean concurrentWorkQueue) {
        buildTree();
        ExecutorService pool = daemonPool(THREADS + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                futures.add(pool.submit(() -> worker(seed, start)));
            }
            Future<?> wq = null;
            if (concurrentWorkQueue) {
                // pm_wq as its own thread: runs queued work while the workers keep going
                wq = pool.submit(() -> {
                    while (!done.get()) {
                        f.settle();
                        Thread.yield();
                    }
                    return null;
                });
            }
            start.countDown();
            Future<?> wqf = wq;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (Future<List<String>> fu : futures) {
                    assertThat(fu.get()).as("unexpected return values").isEmpty();
                }
                done.set(true);
                if (wqf != null) {
                    wqf.get();
                }
            }, () -> "deadlock? " + describeTree());
        } finally {
            pool.shutdownNow();
        }

        assertThat(violations).isEmpty();
        for (RpmDevice d : all()) {
            PmInfo i = f.info(d);
            assertThat(i.usageCount()).as(d.name + " usage back at its start").isZero();
            assertThat(i.runtimeError()).as(d.name + " runtime_error").isZero();
            assertThat(i.status()).as(d.name + " status at rest").isIn(RuntimeStatus.ACTIVE, RuntimeStatus.SUSPENDED);
        }
        long activeChildren = children.stream().filter(c -> f.info(c).status() == RuntimeStatus.ACTIVE).count();
        assertThat(f.info(parent).childCount()).as("child_count vs active children").isEqualTo(activeChildren);
        assertThat(f.logText()).as("no underflow or other warnings").isEmpty();

        f.settle();
        for (RpmDevice d : all()) {
            assertThat(f.info(d).status()).as(d.name + " after settle").isEqualTo(RuntimeStatus.SUSPENDED);
            assertThat(count(resumes, d)).as(d.name + " resumes == suspends").isEqualTo(count(suspends, d));
        }
        assertThat(f.info(parent).childCount()).isZero();
        assertThat(count(resumes, parent)).as("the parent did work").isPositive();
    }

    private static int count(Map<String, AtomicInteger> m, RpmDevice d) {
        AtomicInteger a = m.get(d.name);
        return a == null ? 0 : a.get();
    }

    private String describeTree() {
        StringBuilder sb = new StringBuilder();
        for (RpmDevice d : all()) {
            sb.append(d.name).append('=').append(d.status).append(" u=").append(d.usage())
                    .append(" k=").append(d.children()).append("; ");
        }
        return sb.toString();
    }

    @Test
    void fourThreadsOfGetSyncPutPairsEndBalancedAndEverythingSuspendsAfterSettle() {
        runWorkers(false);
    }

    @Test
    void theSameWithTheWorkQueueRunningConcurrently() {
        runWorkers(true);
    }

    @Test
    void aResumeCallbackCallingGetSyncOnItsOwnDeviceReportsADeadlockInsteadOfHanging() {
        AtomicReference<RuntimeException> inner = new AtomicReference<>();
        RpmDevice d = f.device("d", null, new DevPmOps(null, dev -> {
            try {
                rpm.getSync(dev);
            } catch (RuntimeException e) {
                inner.set(e);
            }
            return 0;
        }, null));
        rpm.enable(d);
        int r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> rpm.getSync(d));
        assertThat(inner.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        assertThat(r).as("the outer resume still completes").isZero();
        assertThat(f.info(d).status()).isEqualTo(RuntimeStatus.ACTIVE);
    }

    @Test
    void aSuspendCallbackCallingGetSyncOnItsOwnDeviceReportsADeadlockToTheCaller() {
        RpmDevice d = f.device("d", null, new DevPmOps(dev -> rpm.getSync(dev), null, null));
        rpm.setActive(d);
        rpm.enable(d);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> rpm.suspend(d))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deadlock"));
    }

    @Test
    void aParentSuspendCallbackResumingItsChildReportsADeadlock() {
        // the child's resume must first resume the parent, whose suspend is this very callback
        AtomicReference<RpmDevice> childRef = new AtomicReference<>();
        RpmDevice p = f.device("p", null, new DevPmOps(dev -> rpm.getSync(childRef.get()), null, null));
        RpmDevice c = f.device("c", p);
        childRef.set(c);
        rpm.setActive(p);
        rpm.enable(p);
        rpm.enable(c);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> rpm.suspend(p))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deadlock"));
    }

    @Test
    void anIdleCallbackDisablingItsOwnDeviceReportsADeadlockInsteadOfHanging() {
        // __pm_runtime_barrier waits while idle_notification is set (so __pm_runtime_disable waits for it)
        AtomicReference<Throwable> inner = new AtomicReference<>();
        RpmDevice d = f.device("d", null, new DevPmOps(null, null, dev -> {
            try {
                rpm.disable(dev);
            } catch (RuntimeException e) {
                inner.set(e);
            }
            return EBUSY;
        }));
        rpm.setActive(d);
        rpm.enable(d);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rpm.idle(d));
        assertThat(inner.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
    }

    @Test
    void concurrentGetSyncOnASuspendedDeviceRunsOneResume() throws Exception {
        buildTree();
        ExecutorService pool = daemonPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return rpm.getSync(children.get(0));
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> fu : futures) {
                results.add(fu.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnly(0, 1).contains(0);
            assertThat(count(resumes, children.get(0))).as("one resume for all").isEqualTo(1);
            assertThat(count(resumes, parent)).isEqualTo(1);
            assertThat(f.info(children.get(0)).usageCount()).isEqualTo(THREADS);
            assertThat(violations).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
