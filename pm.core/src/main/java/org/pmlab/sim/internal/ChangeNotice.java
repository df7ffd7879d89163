package org.pmlab.sim.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * One coalescable event (see {@link EventSink#postCoalesced}): a fixed topic and properties,
 * and whether it is queued for delivery. Made on first use, so an unwatched device has none.
 */
public final class ChangeNotice {

    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(ChangeNotice.class, "queued", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String topic;
    private final Map<String, Object> properties;
    private volatile boolean queued;

    public ChangeNotice(String topic, Map<String, Object> properties) {
        this.topic = topic;
        this.properties = Map.copyOf(properties);
    }

    public String topic() {
        return topic;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** Marks it queued; false when it already was (the change is covered by the queued one). */
    public boolean tryQueue() {
        return !queued && QUEUED.compareAndSet(this, false, true);
    }

    /** Called just before delivery: a change after this point queues it again. */
    public void dequeue() {
        queued = false;
    }
}
