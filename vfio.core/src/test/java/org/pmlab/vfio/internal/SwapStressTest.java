package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.VfioRegion;

/**
 * Callers on several threads (get/put, open/close, power/control, low-power entry and exit), a
 * thread running the work queue by advancing the clock, and a firmware swapper flipping ACPI and
 * nod3cold, all on one machine. Every swap must be accepted (nothing fails in this run), the
 * machine must come to rest with no count lost or leaked, and it must then equal a freshly
 * booted one. A watchdog dumps every thread when the run stops making progress.
 */
class SwapStressTest {

    private static final int ROUNDS = Integer.getInteger("pmlab.stress.rounds", 400);
    /** A stall detector, not a wait for the model: a healthy run ends far sooner. */
    private static final long STALL_SECONDS = 60;

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong progress = new AtomicLong();

    @Test
    void swapsRacingTheWorkQueueAndCallersLoseNothing() throws InterruptedException {
        Rig r = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        RuntimePm rpm = r.m.runtimePm();
        PmDevice ep = r.dev(EP).pm();
        List<Thread> threads = new ArrayList<>();
        threads.add(worker("swapper", 1, rnd -> {
            // ACPI and nod3cold in turn; each swap must be accepted
            r.m.firmware().swap(rnd.nextBoolean() ? Firmwares.nod3cold() : Firmwares.acpiSim());
        }));
        threads.add(worker("work queue", 2, rnd -> {
            if (rnd.nextInt(4) == 0) {
                r.m.clock().settle();
            } else {
                r.m.clock().advance(Duration.ofMillis(rnd.nextInt(1, 2000)));
            }
        }));
        threads.add(worker("get/put", 3, rnd -> {
            int ret = rpm.getSync(ep);
            assertThat(ret).as("get_sync").isGreaterThanOrEqualTo(0);
            assertThat(r.dev(EP).currentState()).as("after a successful get_sync").isEqualTo(PowerState.D0);
            rpm.put(ep);
        }));
        threads.add(worker("user", 4, rnd -> {
            int fd = r.user.open(EP);
            assertThat(fd).as("open").isGreaterThanOrEqualTo(0);
            if (rnd.nextBoolean()) {
                assertThat(r.user.regionRead(fd, VfioRegion.BAR0)).as("BAR read of an open device").isEqualTo(4);
            } else if (r.user.lowPowerEntry(fd) == 0) {
                assertThat(r.user.lowPowerExit(fd)).as("low-power exit").isZero();
            }
            r.user.close(fd);
        }));
        threads.add(worker("power/control", 5, rnd -> {
            rpm.forbid(ep);
            rpm.allow(ep);
        }));
        threads.forEach(Thread::start);
        watch(threads);
        assertThat(failures).as("failures on the worker threads").isEmpty();

        // quiescence: back on ACPI, time runs out, everything comes to rest
        r.m.firmware().swap(Firmwares.acpiSim());
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
        Rig fresh = Rig.boot(Topologies.rpEpAcpi(), KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        assertThat(Snapshot.of(r.m)).as("the machine at rest against a fresh one").isEqualTo(Snapshot.of(fresh.m));
    }

    /** The plain race: the swapper and the work queue only, on the embedded host with the GPU idle in D3cold. */
    @Test
    void swapsRacingTheWorkQueueOnTheEmbeddedHost() throws InterruptedException {
        org.pmlab.topology.api.Topology host = new org.pmlab.topology.internal.JsonTopologyCodec().defaultTopology();
        Rig r = Rig.boot(host, KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        RuntimePm rpm = r.m.runtimePm();
        List<Thread> threads = List.of(
                worker("swapper", 11, rnd -> r.m.firmware().swap(rnd.nextBoolean() ? Firmwares.nod3cold() : Firmwares.acpiSim())),
                worker("work queue", 12, rnd -> r.m.clock().advance(Duration.ofMillis(rnd.nextInt(1, 5000)))),
                worker("get/put", 13, rnd -> {
                    assertThat(rpm.getSync(r.dev(EP).pm())).as("get_sync").isGreaterThanOrEqualTo(0);
                    assertThat(r.dev(EP).currentState()).as("after a successful get_sync").isEqualTo(PowerState.D0);
                    rpm.put(r.dev(EP).pm());
                }));
        threads.forEach(Thread::start);
        watch(threads);
        assertThat(failures).as("failures on the worker threads").isEmpty();
        r.m.firmware().swap(Firmwares.acpiSim());
        r.settle();
        Rig fresh = Rig.boot(host, KernelVersion.V6_1, Firmwares.acpiSim(), false).bound(EP);
        assertThat(Snapshot.of(r.m)).as("the machine at rest against a fresh one").isEqualTo(Snapshot.of(fresh.m));
    }

    interface Step {
        void run(SplittableRandom rnd) throws Exception;
    }

    private Thread worker(String name, long seed, Step step) {
        Thread t = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    step.run(rnd);
                    progress.incrementAndGet();
                }
            } catch (Throwable e) {
                failures.add(new AssertionError(name + ": " + e.getMessage(), e));
            }
        }, "stress " + name);
        t.setDaemon(true);
        return t;
    }

    /** Joins the workers; when no round completes for {@link #STALL_SECONDS}, fails with every thread's stack. */
    private void watch(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            long seen = -1;
            while (t.isAlive()) {
                t.join(TimeUnit.SECONDS.toMillis(STALL_SECONDS));
                long now = progress.get();
                if (t.isAlive() && now == seen) {
                    throw new AssertionError("stalled: no progress for " + STALL_SECONDS + " s\n" + dump());
                }
                seen = now;
            }
        }
    }

    private static String dump() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo i : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append(i);
        }
        return sb.toString();
    }
}
