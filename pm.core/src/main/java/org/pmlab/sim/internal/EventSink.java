package org.pmlab.sim.internal;

import java.util.Map;

/** Where a machine's model events go; the live machine forwards them to Event Admin. */
public interface EventSink {
    /** Whether anybody listens; when not, callers skip building events. */
    boolean active();

    void post(String topic, Map<String, Object> properties);

    EventSink NONE = new EventSink() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
        }
    };
}
