package org.pmlab.sim.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trace buffer of one machine. Every record is also posted on Event Admin (topic
 * {@link ModelEvents#TRACE} + event name) by the live machine, whether or not the buffer records.
 */
@ProviderType
public interface Trace {
    /** Starts or stops recording into the buffer. */
    void enable(boolean on);

    boolean enabled();

    /** Emits a record: into the buffer when enabled, and to listeners always. */
    void emit(String event, String device, String text);

    /** The recorded lines, oldest first. */
    List<TraceRecord> records();

    void clear();
}
