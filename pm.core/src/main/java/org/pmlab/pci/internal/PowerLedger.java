package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.pci.api.Residency;

/**
 * The energy ledger of one machine's PCI functions: for each function the virtual time spent in
 * each {@link PhysicalState} and the entries into each, updated only where a state changes; and
 * a bounded history of those changes, so a window may start in the past.
 *
 * <p>Columns live in fixed-size chunks indexed by the function's number on the machine, never
 * moved once allocated: no object per function, and a resize never loses a concurrent update.
 * A chunk's column for a state exists once one of its functions has been in that state.
 * A change costs one clock read, a few array writes and an uncontended lock.
 */
final class PowerLedger {

    private static final PhysicalState[] STATES = PhysicalState.values();
    private static final int N = STATES.length;
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** The "state" of a function that does not exist (before it was added, after it was removed). */
    private static final int NONE = 7;
    private static final int STATE_BITS = 3;
    private static final int MAX_HISTORY = 1 << 20;
    private static final int INDEX_BITS = 24;

    /**
     * One column per state for time and one for entries, each made when a function of the chunk
     * first needs it: most functions only ever see D0 and D3hot or D3cold, so a settled fleet
     * holds two or three of the six columns.
     */
    private static final class Chunk {
        final long[][] nanos = new long[N][];
        final int[][] entries = new int[N][];
        final long[] since = new long[CHUNK];
        final byte[] state = new byte[CHUNK];

        void charge(int o, int s, long ns) {
            if (ns != 0) {
                long[] col = nanos[s];
                if (col == null) {
                    col = nanos[s] = new long[CHUNK];
                }
                col[o] += ns;
            }
        }

        void enter(int o, int s) {
            int[] col = entries[s];
            if (col == null) {
                col = entries[s] = new int[CHUNK];
            }
            col[o]++;
        }

        long nanos(int o, int s) {
            long[] col = nanos[s];
            return col == null ? 0 : col[o];
        }

        int entries(int o, int s) {
            int[] col = entries[s];
            return col == null ? 0 : col[o];
        }
    }

    private final PciHost host;
    private Chunk[] chunks = new Chunk[0];
    private int next;

    /** The changes: index << 6 | from << 3 | to. */
    private final ChangeHistory history = new ChangeHistory(MAX_HISTORY);

    PowerLedger(PciHost host) {
        this.host = host;
    }

    /** The state a function draws power as now (what the ledger would record). */
    static PhysicalState physical(PciDev dev) {
        if (!dev.physicallyPowered()) {
            return PhysicalState.D3COLD;
        }
        return switch (dev.currentState()) {
            case D1 -> PhysicalState.D1;
            case D2 -> PhysicalState.D2;
            case D3HOT, D3COLD -> PhysicalState.D3HOT; // recorded D3cold, but main power is still there
            default -> dev.enableCount() > 0 ? PhysicalState.D0_ACTIVE : PhysicalState.D0_IDLE;
        };
    }

    /** {@code pci_device_add}: the function starts being accounted, in the state it is in. */
    synchronized void add(PciDev dev) {
        if (next >= 1 << INDEX_BITS) {
            throw new IllegalStateException("the power ledger holds at most " + (1 << INDEX_BITS) + " functions");
        }
        int i = next++;
        if ((i >> CHUNK_BITS) >= chunks.length) {
            Chunk[] grown = java.util.Arrays.copyOf(chunks, chunks.length + 1);
            grown[chunks.length] = new Chunk();
            chunks = grown;
        }
        dev.ledgerIndex = i;
        long now = host.clock().nanoTime();
        Chunk c = chunks[i >> CHUNK_BITS];
        int o = i & (CHUNK - 1);
        PhysicalState s = physical(dev);
        c.state[o] = (byte) s.ordinal();
        c.since[o] = now;
        append(now, i, NONE, s.ordinal());
    }

    /** The function's state may have changed: record it if it did. */
    void changed(PciDev dev) {
        record(dev, physical(dev));
    }

    /**
     * The function is on its way up (a delay inside {@code pci_power_up} or a wait for it to
     * answer): from now it is charged as powered in D0, the shallower of the two states.
     */
    void rising(PciDev dev) {
        if (dev.physicallyPowered()) {
            record(dev, dev.enableCount() > 0 ? PhysicalState.D0_ACTIVE : PhysicalState.D0_IDLE);
        }
    }

    /** The function is gone ({@code pci_stop_and_remove_bus_device}): its time stops. */
    synchronized void removed(PciDev dev) {
        int i = dev.ledgerIndex;
        Chunk c = chunks[i >> CHUNK_BITS];
        int o = i & (CHUNK - 1);
        int cur = c.state[o];
        if (cur == NONE) {
            return;
        }
        long now = host.clock().nanoTime();
        c.charge(o, cur, now - c.since[o]);
        c.since[o] = now;
        c.state[o] = NONE;
        append(now, i, cur, NONE);
    }

    private synchronized void record(PciDev dev, PhysicalState next) {
        int i = dev.ledgerIndex;
        Chunk c = chunks[i >> CHUNK_BITS];
        int o = i & (CHUNK - 1);
        int cur = c.state[o];
        if (cur == next.ordinal() || cur == NONE) {
            return;
        }
        long now = host.clock().nanoTime();
        c.charge(o, cur, now - c.since[o]);
        c.enter(o, next.ordinal());
        c.since[o] = now;
        c.state[o] = (byte) next.ordinal();
        append(now, i, cur, next.ordinal());
    }

    private void append(long now, int index, int from, int to) {
        history.append(now, (index << STATE_BITS | from) << STATE_BITS | to);
    }

    /** The earliest window start the history can answer. */
    synchronized long historyStartNs() {
        return history.wrapped() ? history.oldestNs() : 0;
    }

    /**
     * The residency of each function over [{@code fromNs}, now]: from the totals when the window
     * starts at boot, else by walking the history back from now.
     */
    synchronized List<Residency> residency(List<PciDev> devs, long fromNs) {
        long now = host.clock().nanoTime();
        if (fromNs < 0 || fromNs > now) {
            throw new IllegalArgumentException("a window must start between boot and now ("
                    + String.format("%.6f", now / 1e9) + " s)");
        }
        List<Residency> out = new ArrayList<>(devs.size());
        if (fromNs == 0) {
            for (PciDev d : devs) {
                out.add(totals(d, now));
            }
            return out;
        }
        if (history.wrapped() && fromNs < history.oldestNs()) {
            throw new IllegalArgumentException("the history of state changes reaches back to "
                    + String.format("%.6f", history.oldestNs() / 1e9) + " s only");
        }
        Map<Integer, Walk> walks = new HashMap<>();
        for (PciDev d : devs) {
            int i = d.ledgerIndex;
            Chunk c = chunks[i >> CHUNK_BITS];
            walks.put(i, new Walk(c.state[i & (CHUNK - 1)], now));
        }
        // a change at the window's start happened before it: (from, now]
        history.newestFirst(fromNs, (t, code) -> {
            Walk w = walks.get(code >>> 2 * STATE_BITS);
            if (w == null) {
                return;
            }
            int from = code >> STATE_BITS & NONE;
            int to = code & NONE;
            if (to != NONE) {
                w.nanos[to] += w.end - t;
                if (from != NONE) {
                    w.entries[to]++;
                }
            }
            w.end = t;
            w.cur = from;
        });
        for (PciDev d : devs) {
            Walk w = walks.get(d.ledgerIndex);
            if (w.cur != NONE) {
                w.nanos[w.cur] += w.end - fromNs;
            }
            out.add(new Residency(d.bdf, fromNs, now, stateOf(d), w.nanos, w.entries));
        }
        return out;
    }

    private Residency totals(PciDev d, long now) {
        int i = d.ledgerIndex;
        Chunk c = chunks[i >> CHUNK_BITS];
        int o = i & (CHUNK - 1);
        long[] nanos = new long[N];
        int[] entries = new int[N];
        for (int s = 0; s < N; s++) {
            nanos[s] = c.nanos(o, s);
            entries[s] = c.entries(o, s);
        }
        int cur = c.state[o];
        if (cur != NONE) {
            nanos[cur] += now - c.since[o];
        }
        return new Residency(d.bdf, 0, now, stateOf(d), nanos, entries);
    }

    private PhysicalState stateOf(PciDev d) {
        int cur = chunks[d.ledgerIndex >> CHUNK_BITS].state[d.ledgerIndex & (CHUNK - 1)];
        return cur == NONE ? PhysicalState.D3COLD : STATES[cur];
    }

    private static final class Walk {
        final long[] nanos = new long[N];
        final int[] entries = new int[N];
        long end;
        int cur;

        Walk(int cur, long end) {
            this.cur = cur;
            this.end = end;
        }
    }
}
