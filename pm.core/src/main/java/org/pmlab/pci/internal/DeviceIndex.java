package org.pmlab.pci.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.pmlab.hw.api.Bdf;

/**
 * The functions of one machine by address: a lookup by the packed address (domain, bus, devfn)
 * in an open-addressing table, and the functions in address order as an array sorted only when
 * a function came or went since the last walk. A host of a million functions costs a few bytes
 * per function here, and a walk in order copies nothing.
 */
final class DeviceIndex {

    private static final PciDev[] NONE = new PciDev[0];

    /** Linear probing, no tombstones (removal shifts the run back); at most half full. */
    private PciDev[] table = new PciDev[64];
    private int size;
    /** The functions in address order, or {@code null} after a change; replaced, never changed in place. */
    private volatile PciDev[] ordered = NONE;

    /** {@code domain << 16 | bus << 8 | devfn}: one int per address, in address order when unsigned. */
    static int key(Bdf bdf) {
        return bdf.domain() << 16 | bdf.bus() << 8 | bdf.devfn();
    }

    private int slot(int key) {
        int h = key * 0x9e3779b9;
        return (h ^ h >>> 16) & (table.length - 1);
    }

    synchronized PciDev get(Bdf bdf) {
        int key = key(bdf);
        for (int i = slot(key);; i = (i + 1) & (table.length - 1)) {
            PciDev d = table[i];
            if (d == null || key(d.bdf) == key) {
                return d;
            }
        }
    }

    /** Adds a function; an earlier one at the same address is replaced. */
    synchronized void put(PciDev dev) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int key = key(dev.bdf);
        for (int i = slot(key);; i = (i + 1) & (table.length - 1)) {
            PciDev d = table[i];
            if (d == null) {
                table[i] = dev;
                size++;
                break;
            }
            if (key(d.bdf) == key) {
                table[i] = dev;
                break;
            }
        }
        ordered = null;
    }

    /** Makes room for {@code more} functions at once: a boot of a million does not rehash twenty times. */
    synchronized void reserve(int more) {
        int length = table.length;
        while ((size + more) * 2L > length) {
            length *= 2;
        }
        if (length != table.length) {
            rehash(length);
        }
    }

    /** Removes the function at this one's address if it is this one. */
    synchronized void remove(PciDev dev) {
        int mask = table.length - 1;
        int key = key(dev.bdf);
        int i = slot(key);
        while (table[i] != null && key(table[i].bdf) != key) {
            i = (i + 1) & mask;
        }
        if (table[i] != dev) {
            return;
        }
        table[i] = null;
        size--;
        // backward shift: move up every later entry of the run that would no longer be found
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = slot(key(table[j].bdf));
            boolean reachable = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!reachable) {
                table[i] = table[j];
                table[j] = null;
                i = j;
            }
        }
        ordered = null;
    }

    synchronized int size() {
        return size;
    }

    /** Every function in address order: an unmodifiable view of a snapshot. */
    List<PciDev> inOrder() {
        PciDev[] o = ordered;
        if (o == null) {
            synchronized (this) {
                o = ordered;
                if (o == null) {
                    o = sorted();
                    ordered = o;
                }
            }
        }
        return Collections.unmodifiableList(Arrays.asList(o));
    }

    /** Sorts (unsigned address, slot) pairs as primitives: no comparator touching a million objects. */
    private PciDev[] sorted() {
        long[] keys = new long[size];
        int n = 0;
        for (int i = 0; i < table.length; i++) {
            if (table[i] != null) {
                keys[n++] = (key(table[i].bdf) & 0xffffffffL) << 32 | i;
            }
        }
        Arrays.sort(keys);
        PciDev[] out = new PciDev[n];
        for (int k = 0; k < n; k++) {
            out[k] = table[(int) keys[k]];
        }
        return out;
    }

    private void grow() {
        rehash(table.length * 2);
    }

    private void rehash(int length) {
        PciDev[] old = table;
        table = new PciDev[length];
        size = 0;
        for (PciDev d : old) {
            if (d != null) {
                int key = key(d.bdf);
                int i = slot(key);
                while (table[i] != null) {
                    i = (i + 1) & (table.length - 1);
                }
                table[i] = d;
                size++;
            }
        }
    }
}
