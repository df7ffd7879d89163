package org.pmlab.machine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.internal.ChangeNotice;
import org.pmlab.sim.internal.EventSink;

/**
 * The live machine's events on Event Admin, built only for topics somebody subscribed to: the
 * lab tracks every {@code EventHandler}'s {@code event.topics}, so with no handler for the trace
 * topics no trace record is made, and with none for the state topics no event is made at all.
 * Coalesced changes are delivered from one thread of their own, {@value #WINDOW_MS} ms after
 * the first change of a burst (plumbing time, not model time: it only decides how many changes
 * one event stands for). A producer only ever touches the flusher for the first change after a
 * notice's delivery, by adding it to a queue; it wakes the thread only when that has gone idle,
 * which it does after a window with nothing to deliver.
 */
public final class EventAdminBridge implements EventSink {

    static final long WINDOW_MS = 2;

    /** The state topics, one of each subtree: a subscription matching any of them watches state. */
    private static final List<String> STATE_TOPICS = List.of(ModelEvents.RPM_STATUS, ModelEvents.PCI_POWER_STATE,
            ModelEvents.FIRMWARE_SWAP, ModelEvents.MACHINE_BOOT);

    private volatile EventAdmin eventAdmin;
    private final Map<Object, Collection<String>> handlers = new ConcurrentHashMap<>();
    private volatile boolean traceWatched;
    private volatile boolean stateWatched;

    /** Notices waiting for delivery, each at most once (its queued flag): many producers, one consumer. */
    private final ConcurrentLinkedQueue<ChangeNotice> queued = new ConcurrentLinkedQueue<>();
    private final Thread flusher = new Thread(this::flushLoop, "pmlab-events");
    private final AtomicBoolean started = new AtomicBoolean();
    /** The flusher is parked, or about to, until somebody queues a notice. */
    private volatile boolean flusherIdle = true;
    private volatile boolean closed;

    public EventAdminBridge() {
        flusher.setDaemon(true);
    }

    public void setEventAdmin(EventAdmin ea) {
        eventAdmin = ea;
        recompute();
    }

    /** A handler came or changed its subscription; {@code key} identifies it (its service reference). */
    public void handler(Object key, Object topics) {
        handlers.put(key, topicsOf(topics));
        recompute();
    }

    public void handlerGone(Object key) {
        handlers.remove(key);
        recompute();
    }

    private void recompute() {
        boolean trace = false;
        boolean state = false;
        if (eventAdmin != null) {
            for (Collection<String> ts : handlers.values()) {
                for (String t : ts) {
                    trace |= coversTrace(t);
                    state |= STATE_TOPICS.stream().anyMatch(topic -> matches(t, topic));
                }
            }
        }
        traceWatched = trace;
        stateWatched = state;
    }

    /** Event Admin's topic matching: exact, {@code *}, or a {@code prefix/*} wildcard. */
    static boolean matches(String pattern, String topic) {
        if (pattern.equals("*") || pattern.equals(topic)) {
            return true;
        }
        return pattern.endsWith("/*") && topic.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    /** Whether the pattern matches some trace topic ({@code org/pmlab/trace/<event>}). */
    static boolean coversTrace(String pattern) {
        return pattern.startsWith(ModelEvents.TRACE) || matches(pattern, ModelEvents.TRACE + "x");
    }

    private static Collection<String> topicsOf(Object topics) {
        if (topics instanceof String s) {
            return List.of(s);
        }
        if (topics instanceof String[] a) {
            return List.of(a);
        }
        if (topics instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    @Override
    public boolean traceWatched() {
        return traceWatched;
    }

    @Override
    public boolean stateWatched() {
        return stateWatched;
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public void postCoalesced(ChangeNotice notice) {
        if (notice.tryQueue()) {
            queue(notice);
        } // else the queued notice will tell of this change too
    }

    /** The first change since the notice's last delivery. */
    private void queue(ChangeNotice notice) {
        queued.add(notice);
        // Read after the add, as the flusher reads the queue after raising the flag: one of the two sees the other.
        if (flusherIdle) {
            wakeFlusher();
        }
    }

    private void wakeFlusher() {
        if (!started.get() && !closed && started.compareAndSet(false, true)) {
            flusher.start();
        }
        LockSupport.unpark(flusher);
    }

    /**
     * Delivers a window after the first change of a burst, then keeps delivering every window
     * while changes come, and parks once a window had none.
     */
    private void flushLoop() {
        while (!closed) {
            flusherIdle = true;
            while (queued.isEmpty() && !closed) {
                LockSupport.park(this);
            }
            flusherIdle = false;
            do {
                awaitWindow();
            } while (flush() && !closed);
        }
    }

    private static void awaitWindow() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_MS);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left); // an early return (a spurious wake-up, a queued change) waits on
        }
    }

    /** Delivers every queued notice; whether there was any. */
    private boolean flush() {
        boolean any = false;
        ChangeNotice n;
        while ((n = queued.poll()) != null) {
            n.dequeue(); // a change from here on queues it again
            try {
                post(n.topic(), n.properties());
            } catch (RuntimeException gone) {
                // Event Admin going away under us: this event is lost, the next change queues the notice again
            }
            any = true;
        }
        return any;
    }

    public void close() {
        closed = true;
        LockSupport.unpark(flusher);
    }
}
