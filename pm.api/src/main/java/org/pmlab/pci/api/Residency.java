package org.pmlab.pci.api;

import java.util.Arrays;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PhysicalState;

/**
 * How long one PCI function spent in each {@link PhysicalState} over a window of virtual time,
 * and how often it entered each, as the PCI layer's ledger recorded it where the state changed.
 */
public final class Residency {
    private static final int N = PhysicalState.values().length;

    private final Bdf bdf;
    private final long fromNs;
    private final long toNs;
    private final PhysicalState now;
    private final long[] nanos;
    private final int[] entries;

    /**
     * @param nanos time per state, indexed by ordinal
     * @param entries entries into each state within the window, indexed by ordinal
     */
    public Residency(Bdf bdf, long fromNs, long toNs, PhysicalState now, long[] nanos, int[] entries) {
        if (nanos.length != N || entries.length != N) {
            throw new IllegalArgumentException("one value per physical state expected");
        }
        this.bdf = bdf;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.now = now;
        this.nanos = nanos.clone();
        this.entries = entries.clone();
    }

    public Bdf bdf() {
        return bdf;
    }

    /** Start of the window (0: boot). */
    public long fromNs() {
        return fromNs;
    }

    /** End of the window: the machine's time when it was read. */
    public long toNs() {
        return toNs;
    }

    /** The state at the end of the window. */
    public PhysicalState now() {
        return now;
    }

    public long nanos(PhysicalState s) {
        return nanos[s.ordinal()];
    }

    /** Entries into the state within the window. */
    public int entries(PhysicalState s) {
        return entries[s.ordinal()];
    }

    /** State changes within the window. */
    public int transitions() {
        int n = 0;
        for (int e : entries) {
            n += e;
        }
        return n;
    }

    /** Time the function existed within the window. */
    public long totalNanos() {
        long t = 0;
        for (long v : nanos) {
            t += v;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Residency r && r.bdf.equals(bdf) && r.fromNs == fromNs && r.toNs == toNs && r.now == now
                && Arrays.equals(r.nanos, nanos) && Arrays.equals(r.entries, entries);
    }

    @Override
    public int hashCode() {
        return bdf.hashCode() * 31 + Arrays.hashCode(nanos);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bdf + " [" + fromNs + ".." + toNs + "] now " + now);
        for (PhysicalState s : PhysicalState.values()) {
            if (nanos[s.ordinal()] != 0 || entries[s.ordinal()] != 0) {
                sb.append(' ').append(s).append('=').append(nanos[s.ordinal()]).append("ns/").append(entries[s.ordinal()]);
            }
        }
        return sb.toString();
    }
}
