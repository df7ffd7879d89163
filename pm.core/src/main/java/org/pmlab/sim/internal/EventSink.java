package org.pmlab.sim.internal;

import java.util.Map;

/**
 * Where a machine's model events go. Callers ask first whether anybody watches, so a machine
 * nobody observes builds no event at all; the live machine forwards to Event Admin.
 */
public interface EventSink {
    /** Somebody subscribed to trace topics ({@code org/pmlab/trace/...}). */
    boolean traceWatched();

    /** Somebody subscribed to the model's state topics (runtime PM, PCI, firmware, machine). */
    boolean stateWatched();

    void post(String topic, Map<String, Object> properties);

    /**
     * Posts a change that comes in bursts (a usage count going up and down): while the notice
     * waits to be delivered, further changes it stands for add nothing. Listeners read the
     * current state when it arrives.
     */
    void postCoalesced(ChangeNotice notice);

    /** Whether anybody can ever watch: not on {@link #NONE}, whose producers need never ask again. */
    default boolean watchable() {
        return true;
    }

    EventSink NONE = new EventSink() {
        @Override
        public boolean watchable() {
            return false;
        }

        @Override
        public boolean traceWatched() {
            return false;
        }

        @Override
        public boolean stateWatched() {
            return false;
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
        }

        @Override
        public void postCoalesced(ChangeNotice notice) {
        }
    };
}
