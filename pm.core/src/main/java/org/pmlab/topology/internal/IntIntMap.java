package org.pmlab.topology.internal;

import org.pmlab.hw.api.Bdf;

/**
 * An int-to-int hash map by open addressing, for validating hosts of millions of functions and
 * VFs without a boxed key, a boxed value and an entry object per address. Not thread-safe.
 */
final class IntIntMap {

    static final int ABSENT = Integer.MIN_VALUE;

    private int[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new int[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
    }

    /** {@code domain << 16 | bus << 8 | devfn}. */
    static int packed(Bdf bdf) {
        return bdf.domain() << 16 | bdf.bus() << 8 | bdf.devfn();
    }

    static Bdf unpacked(int key) {
        return new Bdf(key >>> 16, key >>> 8 & 0xff, key >>> 3 & 0x1f, key & 7);
    }

    int get(int key) {
        for (int i = slot(key);; i = (i + 1) & (keys.length - 1)) {
            if (!used[i]) {
                return ABSENT;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** Puts the value unless the key is there; returns the value already there, or {@link #ABSENT}. */
    int putIfAbsent(int key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        for (int i = slot(key);; i = (i + 1) & (keys.length - 1)) {
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                values[i] = value;
                size++;
                return ABSENT;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    private int slot(int key) {
        int h = key * 0x9e3779b9;
        return (h ^ h >>> 16) & (keys.length - 1);
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
