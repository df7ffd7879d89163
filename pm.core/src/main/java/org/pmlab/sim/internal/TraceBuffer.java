package org.pmlab.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.api.Trace;
import org.pmlab.sim.api.TraceRecord;

/**
 * The machine's trace: a buffer that records while enabled, and the trace topics of the
 * machine's event sink for whoever subscribed to them. Callers check {@link #observed()} first,
 * so a machine whose trace nobody records or watches builds no record at all.
 */
public final class TraceBuffer implements Trace {

    private final LongSupplier clock;
    private final EventSink sink;
    private final long machineId;
    private final List<TraceRecord> records = new ArrayList<>();
    private volatile boolean recording;

    public TraceBuffer(LongSupplier clock, EventSink sink, long machineId) {
        this.clock = clock;
        this.sink = sink;
        this.machineId = machineId;
    }

    @Override
    public boolean observed() {
        return recording || sink.traceWatched();
    }

    @Override
    public void enable(boolean on) {
        recording = on;
    }

    @Override
    public boolean enabled() {
        return recording;
    }

    @Override
    public void emit(String event, String device, String text) {
        if (!observed()) {
            return;
        }
        TraceRecord r = new TraceRecord(clock.getAsLong(), event, device, text);
        if (recording) {
            synchronized (records) {
                records.add(r);
            }
        }
        if (sink.traceWatched()) {
            sink.post(ModelEvents.TRACE + event, Map.of(
                    ModelEvents.MACHINE, machineId,
                    ModelEvents.DEVICE, device,
                    ModelEvents.EVENT, event,
                    ModelEvents.TIME_NS, r.timeNs(),
                    ModelEvents.TEXT, text,
                    ModelEvents.LINE, r.line()));
        }
    }

    @Override
    public List<TraceRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public void clear() {
        synchronized (records) {
            records.clear();
        }
    }
}
