package org.pmlab.sim.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trace buffer of one machine. While a handler subscribes to the trace topics
 * ({@link ModelEvents#TRACE} + event name), the live machine also posts every record on Event
 * Admin, whether or not the buffer records. With neither, tracepoints cost nothing.
 */
@ProviderType
public interface Trace {
    /** Starts or stops recording into the buffer. */
    void enable(boolean on);

    boolean enabled();

    /**
     * Whether a record would go anywhere (the buffer records, or somebody subscribed to trace
     * topics): a caller that must build a record's text asks first.
     */
    boolean observed();

    /** Emits a record: into the buffer when enabled, and to trace subscribers. */
    void emit(String event, String device, String text);

    /** The recorded lines, oldest first. */
    List<TraceRecord> records();

    void clear();
}
