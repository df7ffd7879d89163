package org.pmlab.machine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.internal.ChangeNotice;

/**
 * The coalesced delivery on its own thread: every change reaches the listener, which reads the
 * current state when the event comes, however the changes interleave with the delivery.
 */
class EventAdminBridgeTest {

    private static final long WAIT_S = 30;

    /** A device's state: a version bumped by every change, and its notice. */
    private static final class Thing {
        final String name;
        final AtomicLong version = new AtomicLong();
        final ChangeNotice notice;

        Thing(String name) {
            this.name = name;
            AtomicBoolean queued = new AtomicBoolean();
            notice = new ChangeNotice(ModelEvents.RPM_CHANGED, Map.of(ModelEvents.DEVICE, name)) {
                @Override
                public boolean tryQueue() {
                    return !queued.get() && queued.compareAndSet(false, true);
                }

                @Override
                public void dequeue() {
                    queued.set(false);
                }
            };
        }

        /** A change, then its notice, in the order the runtime PM core makes them. */
        void change(EventAdminBridge bridge) {
            version.incrementAndGet();
            bridge.postCoalesced(notice);
        }
    }

    /** Event Admin delivering on the poster's thread (the flusher), to a listener. */
    private static EventAdmin delivering(Consumer<Event> listener) {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                listener.accept(event);
            }

            @Override
            public void sendEvent(Event event) {
                listener.accept(event);
            }
        };
    }

    private final EventAdminBridge bridge = new EventAdminBridge();

    @AfterEach
    void close() {
        bridge.close();
    }

    private void watch(EventAdmin ea) {
        bridge.setEventAdmin(ea);
        bridge.handler("mirror", new String[] {"org/pmlab/pm/*"});
        assertThat(bridge.stateWatched()).isTrue();
    }

    @Test
    void aChangeAfterTheDeliveryStartedIsDeliveredToo() throws InterruptedException {
        Thing dev = new Thing("dev");
        CountDownLatch delivering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondEvent = new CountDownLatch(1);
        AtomicLong readInSecond = new AtomicLong(-1);
        AtomicInteger events = new AtomicInteger();
        watch(delivering(e -> {
            if (events.incrementAndGet() == 1) {
                delivering.countDown();
                await(release); // the listener is still busy with the first event
            } else {
                readInSecond.set(dev.version.get());
                secondEvent.countDown();
            }
        }));

        dev.change(bridge);
        assertThat(delivering.await(WAIT_S, TimeUnit.SECONDS)).as("first delivery began").isTrue();
        dev.change(bridge); // after the notice was taken off the queue: must queue it again
        release.countDown();

        assertThat(secondEvent.await(WAIT_S, TimeUnit.SECONDS)).as("the later change delivered").isTrue();
        assertThat(readInSecond.get()).isEqualTo(2);
    }

    @Test
    void concurrentChangesAllReachTheListenerCoalesced() throws InterruptedException {
        List<Thing> things = List.of(new Thing("a"), new Thing("b"), new Thing("c"));
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicInteger events = new AtomicInteger();
        long total = 4L * 3 * 50_000;
        CountDownLatch allSeen = new CountDownLatch(1);
        watch(delivering(e -> {
            events.incrementAndGet();
            String name = (String) e.getProperty(ModelEvents.DEVICE);
            Thing t = things.stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow();
            seen.merge(name, t.version.get(), Math::max); // the listener reads the current state
            if (seen.values().stream().mapToLong(Long::longValue).sum() == total) {
                allSeen.countDown();
            }
        }));

        Thread[] producers = new Thread[4];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    things.forEach(t -> t.change(bridge));
                }
            });
            producers[p].start();
        }
        for (Thread t : producers) {
            t.join();
        }

        assertThat(allSeen.await(WAIT_S, TimeUnit.SECONDS)).as("every device's last change seen: %s", seen).isTrue();
        assertThat(events.get()).as("coalesced").isLessThan((int) (total / 10));
    }

    @Test
    void aBurstAfterAQuietSpellWakesTheFlusherAgain() throws InterruptedException {
        Thing dev = new Thing("dev");
        AtomicLong read = new AtomicLong();
        CountDownLatch[] delivered = {new CountDownLatch(1), new CountDownLatch(1)};
        AtomicInteger events = new AtomicInteger();
        watch(delivering(e -> {
            read.set(dev.version.get());
            int n = events.incrementAndGet();
            if (n <= 2) {
                delivered[n - 1].countDown();
            }
        }));

        dev.change(bridge);
        assertThat(delivered[0].await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        // no sleep: whether the flusher has gone idle yet or not, the next change must get through
        dev.change(bridge);
        assertThat(delivered[1].await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(read.get()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
