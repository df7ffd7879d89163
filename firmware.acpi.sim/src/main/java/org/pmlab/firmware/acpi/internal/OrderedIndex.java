package org.pmlab.firmware.acpi.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The values of a namespace in the order they were added, found by a key each value carries (a
 * companion's BDF, a resource's name): what a LinkedHashMap did there, without an entry object per
 * value. An open-addressed table of positions (linear probing, at most half full) beside the
 * values in order costs 12 to 20 bytes a value where the map's entries cost over 40. Built by one
 * thread, then only read; nothing is ever removed.
 */
final class OrderedIndex<K, V> {
    private final Function<V, K> key;
    private Object[] values = new Object[8];
    private int size;
    /** Position + 1 of the value whose key hashes here, 0 for a free slot; length a power of two. */
    private int[] table = new int[16];
    /**
     * The spread hash of the key in each slot of {@link #table}: a probe compares it before it
     * reads the value, so a lookup (most are misses: a function without a companion) touches
     * only these two arrays instead of a value, its spec and its key at every slot it passes.
     */
    private int[] hashes = new int[16];

    OrderedIndex(Function<V, K> key) {
        this.key = key;
    }

    /** Adds a value; one whose key is already there takes the old one's place, as Map.put keeps the order. */
    void put(V value) {
        K k = key.apply(value);
        int slot = slotOf(k);
        if (table[slot] != 0) {
            values[table[slot] - 1] = value;
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        table[slot] = size;
        hashes[slot] = spread(k.hashCode());
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
    }

    /** The value with this key, or {@code null}. */
    V get(Object k) {
        if (k == null) {
            return null;
        }
        int at = table[slotOf(k)];
        return at == 0 ? null : value(at - 1);
    }

    /** The values in the order added, unmodifiable. */
    List<V> values() {
        return new AbstractList<>() {
            @Override
            public V get(int i) {
                if (i < 0 || i >= size) {
                    throw new IndexOutOfBoundsException(i);
                }
                return value(i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Drops the spare room the doubling left: the index is complete. */
    void trim() {
        values = Arrays.copyOf(values, size);
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    /** The slot holding {@code k}, or the free slot where it would go. */
    private int slotOf(Object k) {
        int mask = table.length - 1;
        int h = spread(k.hashCode());
        for (int i = h & mask;; i = (i + 1) & mask) {
            int at = table[i];
            if (at == 0 || hashes[i] == h && key.apply(value(at - 1)).equals(k)) {
                return i;
            }
        }
    }

    private void rehash(int length) {
        int[] t = new int[length];
        int[] hs = new int[length];
        int mask = length - 1;
        for (int p = 0; p < size; p++) {
            int h = spread(key.apply(value(p)).hashCode());
            int i = h & mask;
            while (t[i] != 0) {
                i = (i + 1) & mask;
            }
            t[i] = p + 1;
            hs[i] = h;
        }
        table = t;
        hashes = hs;
    }

    /** HashMap's spreading of the high bits into the low (String hashes differ mostly high up). */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
