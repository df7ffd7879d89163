package org.pmlab.sim.internal;

import java.util.Map;

/**
 * One coalescable event (see {@link EventSink#postCoalesced}): a fixed topic and properties,
 * and whether it is queued for delivery. The owner keeps that flag, so the producer's check on
 * every change is one read of its own object. Made on first use, so an unwatched device has none.
 */
public abstract class ChangeNotice {

    private final String topic;
    private final Map<String, Object> properties;

    protected ChangeNotice(String topic, Map<String, Object> properties) {
        this.topic = topic;
        this.properties = Map.copyOf(properties);
    }

    public final String topic() {
        return topic;
    }

    public final Map<String, Object> properties() {
        return properties;
    }

    /** Marks it queued; false when it already was (the change is covered by the queued one). */
    public abstract boolean tryQueue();

    /** Called just before delivery: a change from here on queues it again. */
    public abstract void dequeue();
}
