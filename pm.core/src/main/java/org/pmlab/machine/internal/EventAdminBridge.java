package org.pmlab.machine.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * one event stands for).
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

    private final ConcurrentLinkedQueue<ChangeNotice> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pmlab-events");
        t.setDaemon(true);
        return t;
    });

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
        if (!notice.tryQueue()) {
            return; // the queued notice will tell of this change too
        }
        queued.add(notice);
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                flusher.schedule(this::flush, WINDOW_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                flushScheduled.set(false);
            }
        }
    }

    private void flush() {
        flushScheduled.set(false);
        ChangeNotice n;
        while ((n = queued.poll()) != null) {
            n.dequeue(); // a change from here on queues it again
            post(n.topic(), n.properties());
        }
    }

    public void close() {
        flusher.shutdownNow();
    }
}
