package org.pmlab.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.LogLine;

/** The machine's kernel log. Bounded, like the kernel's ring buffer; marks stay valid. */
public final class RingLog implements KernelLog {

    private static final int CAPACITY = 100_000;

    private final LongSupplier clock;
    private final List<LogLine> lines = new ArrayList<>();
    private int dropped;

    public RingLog(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void print(String text) {
        if (lines.size() == CAPACITY) {
            lines.subList(0, CAPACITY / 2).clear();
            dropped += CAPACITY / 2;
        }
        lines.add(new LogLine(clock.getAsLong(), text));
    }

    @Override
    public synchronized int size() {
        return dropped + lines.size();
    }

    @Override
    public synchronized List<LogLine> since(int mark) {
        int from = Math.max(0, mark - dropped);
        if (from >= lines.size()) {
            return List.of();
        }
        return List.copyOf(lines.subList(from, lines.size()));
    }
}
