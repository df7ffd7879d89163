package org.pmlab.sim.internal;

import java.util.Map;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The live machine's events, posted asynchronously on Event Admin when it is present. */
final class EventAdminSink implements EventSink {

    private volatile EventAdmin eventAdmin;

    void set(EventAdmin ea) {
        this.eventAdmin = ea;
    }

    @Override
    public boolean active() {
        return eventAdmin != null;
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }
}
