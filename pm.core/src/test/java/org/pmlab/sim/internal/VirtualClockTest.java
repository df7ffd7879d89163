package org.pmlab.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmlab.sim.api.PendingWork;
import org.pmlab.sim.api.SettleLimitException;
import org.pmlab.sim.api.SimClock;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void workDueNowAndTimersRunInDueTimeThenSubmissionOrder() {
        clock.schedule(ms(5), "timer", "a", ran::add);
        clock.schedule(0, "work", "b", ran::add);
        clock.schedule(ms(5), "timer", "c", ran::add);
        clock.schedule(0, "work", "d", ran::add);
        clock.schedule(ms(1), "timer", "e", s -> {
            ran.add(s);
            clock.schedule(clock.nanoTime(), "work", "f", ran::add); // due now, after the timer that queued it
            clock.schedule(ms(5), "timer", "g", ran::add);
        });

        clock.settle();

        assertThat(ran).containsExactly("b", "d", "e", "f", "a", "c", "g");
        assertThat(clock.nanoTime()).isEqualTo(ms(5));
    }

    @Test
    void aSleepInsideWorkLetsLaterTimersRunBeforeWorkQueuedAfterIt() {
        clock.schedule(ms(2), "timer", "t", ran::add);
        clock.schedule(0, "work", "w", s -> {
            ran.add(s);
            clock.sleep(Duration.ofMillis(3)); // msleep inside a callback: the timer is overdue now
            clock.schedule(clock.nanoTime(), "work", "after-sleep", ran::add);
        });

        clock.settle();

        assertThat(ran).containsExactly("w", "t", "after-sleep");
    }

    @Test
    void keepsTheOrderOfOneQueueForAnyMixOfWorkTimersSleepsAndCancels() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            VirtualClock c = new VirtualClock();
            List<long[]> expected = new ArrayList<>(); // {due, seq}
            List<Long> order = new ArrayList<>();
            List<VirtualClock.ScheduledWork> handles = new ArrayList<>();
            long[] seq = {0};
            for (int i = 0; i < 50; i++) {
                int kind = random.nextInt(4);
                if (kind == 3) {
                    c.sleep(Duration.ofNanos(random.nextInt(5)));
                    continue;
                }
                long due = kind == 0 ? 0 : c.nanoTime() + random.nextInt(10);
                long s = seq[0]++;
                long effective = Math.max(due, c.nanoTime());
                VirtualClock.ScheduledWork w = c.schedule(due, "item", s, order::add);
                handles.add(w);
                expected.add(new long[] {effective, s});
                if (random.nextInt(6) == 0) {
                    c.cancel(w);
                    expected.remove(expected.size() - 1);
                }
            }
            expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
            assertThat(c.pending()).extracting(PendingWork::description)
                    .containsExactlyElementsOf(expected.stream().map(e -> "item " + e[1]).toList());

            c.settle();

            assertThat(order).containsExactlyElementsOf(expected.stream().map(e -> e[1]).toList());
        }
    }

    @Test
    void pendingNamesEachItemByWhatAndSubject() {
        clock.schedule(ms(3), "suspend timer", "0000:01:00.0", s -> { });
        clock.schedule(0, "pm_runtime_work", "0000:00:01.0", s -> { });
        clock.schedule(0, "a whole sentence", () -> { });

        assertThat(clock.pending()).containsExactly(new PendingWork(0, "pm_runtime_work 0000:00:01.0"),
                new PendingWork(0, "a whole sentence"), new PendingWork(ms(3), "suspend timer 0000:01:00.0"));
    }

    @Test
    void theSettleLimitGrowsWithTheMachine() {
        int[] devices = {10};
        VirtualClock sized = new VirtualClock(() -> devices[0]);

        assertThat(sized.settleLimit()).isEqualTo(SimClock.SETTLE_LIMIT);
        devices[0] = 1_000_000;
        assertThat(sized.settleLimit()).isEqualTo(VirtualClock.SETTLE_ITEMS_PER_DEVICE * 1_000_000);
    }

    @Test
    void aLivelockStopsAtTheLimitAndSaysWhatIsNext() {
        clock.schedule(0, "pm_runtime_work", "dev", new java.util.function.Consumer<String>() {
            @Override
            public void accept(String s) {
                clock.schedule(clock.nanoTime(), "pm_runtime_work", s, this);
            }
        });

        assertThatThrownBy(clock::settle).isInstanceOf(SettleLimitException.class)
                .hasMessageStartingWith("settle did not converge after " + SimClock.SETTLE_LIMIT + " work items")
                .hasMessageContaining("pm_runtime_work dev");
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
