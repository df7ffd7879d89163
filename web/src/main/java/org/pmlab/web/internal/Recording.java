package org.pmlab.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.pmlab.sim.api.TraceRecord;

/**
 * The trace records the view heard while a page was open, for the live timeline when the
 * machine's own trace buffer is off. Bounded: the oldest records go first.
 */
final class Recording {

    static final int CAPACITY = 50_000;

    private final ArrayDeque<TraceRecord> records = new ArrayDeque<>();
    private long machine = -1;

    /** Adds a record of a machine; a record of another machine (after a reboot) starts afresh. */
    synchronized void add(long machineId, TraceRecord r) {
        if (machineId != machine) {
            records.clear();
            machine = machineId;
        }
        if (records.size() == CAPACITY) {
            records.removeFirst();
        }
        records.addLast(r);
    }

    synchronized List<TraceRecord> of(long machineId) {
        return machineId == machine ? new ArrayList<>(records) : List.of();
    }
}
