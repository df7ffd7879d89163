package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.sim.api.Trace;
import org.pmlab.sim.api.TraceRecord;

/** A trace buffer that always records. */
final class RecordingTrace implements Trace {
    private final List<TraceRecord> records = new ArrayList<>();

    @Override
    public void enable(boolean on) {
        // always on
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean observed() {
        return true;
    }

    @Override
    public synchronized void emit(String event, String device, String text) {
        records.add(new TraceRecord(0, event, device, text));
    }

    @Override
    public synchronized List<TraceRecord> records() {
        return List.copyOf(records);
    }

    /** The texts of one event, oldest first. */
    synchronized List<String> texts(String event) {
        return records.stream().filter(r -> r.event().equals(event)).map(TraceRecord::text).toList();
    }

    /** The texts of the power resource and device power events, in the order they happened. */
    synchronized List<String> acpiTexts() {
        return records.stream().filter(r -> r.event().startsWith("acpi_")).map(TraceRecord::text).toList();
    }

    @Override
    public synchronized void clear() {
        records.clear();
    }
}
