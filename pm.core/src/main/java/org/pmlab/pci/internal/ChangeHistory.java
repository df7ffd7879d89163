package org.pmlab.pci.internal;

/**
 * The power ledger's bounded history of state changes: (virtual time, code) pairs, oldest dropped
 * once {@code capacity} are held. Changes come in bursts at one instant (a boot adds every function
 * at once, a settle suspends a whole subtree at one timer tick), so a time is kept once per run of
 * changes at the same instant: a code carries a flag saying it shares its predecessor's time. A
 * change costs four bytes, plus eight for each distinct instant; the arrays grow as changes come.
 */
final class ChangeHistory {

    /** Codes are the caller's, below this bit. */
    static final int CODE_BITS = 30;
    private static final int SAME_TIME = 1 << CODE_BITS;
    private static final int CODE_MASK = SAME_TIME - 1;

    /** Visits one change. */
    interface Visitor {
        void change(long timeNs, int code);
    }

    private final int capacity;
    // the codes: a ring once full
    private int[] codes;
    private int head;
    private int size;
    // one time per run of codes at one instant: a ring as well
    private long[] times = new long[64];
    private int timesHead;
    private int runs;
    private boolean wrapped;

    ChangeHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history holds at least one change");
        }
        this.capacity = capacity;
        this.codes = new int[Math.min(64, capacity)];
    }

    void append(long timeNs, int code) {
        if (code < 0 || code > CODE_MASK) {
            throw new IllegalArgumentException("a change code has " + CODE_BITS + " bits");
        }
        if (size == codes.length && codes.length < capacity) {
            codes = unwrapped(codes, head, size, Math.min(capacity, codes.length * 2));
            head = 0;
        }
        if (size == codes.length) {
            dropOldest();
        }
        boolean same = runs > 0 && times[(timesHead + runs - 1) % times.length] == timeNs;
        if (!same) {
            if (runs == times.length) {
                times = unwrapped(times, timesHead, runs, times.length * 2);
                timesHead = 0;
            }
            times[(timesHead + runs) % times.length] = timeNs;
            runs++;
        }
        codes[(head + size) % codes.length] = same ? code | SAME_TIME : code;
        size++;
    }

    private void dropOldest() {
        head = (head + 1) % codes.length;
        size--;
        wrapped = true;
        if (size == 0 || (codes[head] & SAME_TIME) == 0) {
            timesHead = (timesHead + 1) % times.length; // the oldest instant had no other change
            runs--;
        } else {
            codes[head] &= CODE_MASK; // the new oldest change opens its instant's run
        }
    }

    /** Whether changes have been dropped. */
    boolean wrapped() {
        return wrapped;
    }

    /** The time of the oldest change held ({@code 0} when there is none). */
    long oldestNs() {
        return runs == 0 ? 0 : times[timesHead];
    }

    /** Visits the changes later than {@code afterNs}, newest first. */
    void newestFirst(long afterNs, Visitor v) {
        int run = runs - 1;
        for (int k = size - 1; k >= 0; k--) {
            long t = times[(timesHead + run) % times.length];
            if (t <= afterNs) {
                return;
            }
            int code = codes[(head + k) % codes.length];
            v.change(t, code & CODE_MASK);
            if ((code & SAME_TIME) == 0) {
                run--;
            }
        }
    }

    private static int[] unwrapped(int[] ring, int head, int n, int length) {
        int[] out = new int[length];
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }

    private static long[] unwrapped(long[] ring, int head, int n, int length) {
        long[] out = new long[length];
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }

    @Override
    public String toString() {
        return size + " changes at " + runs + " instants" + (wrapped ? " (older ones dropped)" : "");
    }
}
