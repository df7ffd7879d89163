package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;

/** Hooks called from many threads at once on devices that share one power resource. */
class ConcurrencyTest {
    private static final int DEVICES = 8;
    private static final int ROUNDS = 2_000;

    @Test
    void sharedResourceCountsStayExactUnderConcurrentSuspendAndResume() throws Exception {
        Bench bench = new Bench().resource("PBUS", true);
        List<String> bdfs = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String bdf = String.format("0000:%02x:00.0", i + 1);
            bdfs.add(bdf);
            bench.rootPort(bdf, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP0" + i, "PBUS"));
        }
        bench.attach();

        ExecutorService pool = Executors.newFixedThreadPool(DEVICES + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> workers = new ArrayList<>();
        for (String bdf : bdfs) {
            workers.add(pool.submit(() -> {
                start.await();
                for (int r = 0; r < ROUNDS; r++) {
                    assertThat(bench.setState(bdf, PowerState.D3COLD)).isZero();
                    if (r % 7 == 0) {
                        bench.pm.refreshState(bench.dev(bdf));
                    }
                    assertThat(bench.setState(bdf, PowerState.D0)).isZero();
                }
                return null;
            }));
        }
        Future<?> reader = pool.submit(() -> {
            start.await();
            while (running.get()) {
                PowerResourceView v = bench.resource("PBUS");
                assertThat(v.on()).isEqualTo(v.refCount() > 0);
                // a refresh takes the new references before it drops the old ones, so one device can
                // briefly hold two: distinct users never exceed the count, nor the count twice the users
                assertThat(v.users().size()).isLessThanOrEqualTo(v.refCount());
                assertThat(v.refCount()).isLessThanOrEqualTo(2 * v.users().size());
                assertThat(v.onCount() - v.offCount()).isEqualTo(v.on() ? 1 : 0);
                bench.pm.deviceStates();
            }
            return null;
        });
        start.countDown();
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        running.set(false);
        reader.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        PowerResourceView end = bench.resource("PBUS");
        assertThat(end.refCount()).isEqualTo(DEVICES);
        assertThat(end.users()).containsExactlyElementsOf(bdfs);
        assertThat(end.onCount()).isEqualTo(end.offCount() + 1);
        assertThat(bench.pm.deviceStates().values()).containsOnly("D0");
    }
}
