package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Values by their own name, in an open-addressing table of references at most half full: where
 * vfio-pci keeps the vfio device of each bound function (its drvdata, by BDF), this costs about
 * eight bytes a device instead of a concurrent map's node and table slot (about forty).
 */
final class NameTable<T> {

    private final Function<T, String> nameOf;
    /** Linear probing, no tombstones (removal shifts the run back). */
    private Object[] table = new Object[16];
    private int size;

    NameTable(Function<T, String> nameOf) {
        this.nameOf = nameOf;
    }

    private int slot(String name) {
        int h = name.hashCode() * 0x9e3779b9;
        return (h ^ h >>> 16) & (table.length - 1);
    }

    @SuppressWarnings("unchecked")
    private T at(int i) {
        return (T) table[i];
    }

    synchronized T get(String name) {
        for (int i = slot(name);; i = (i + 1) & (table.length - 1)) {
            T v = at(i);
            if (v == null || nameOf.apply(v).equals(name)) {
                return v;
            }
        }
    }

    /** Files {@code v} under its name; an earlier value of that name is replaced. */
    synchronized void put(T v) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        String name = nameOf.apply(v);
        for (int i = slot(name);; i = (i + 1) & (table.length - 1)) {
            T d = at(i);
            if (d == null) {
                table[i] = v;
                size++;
                return;
            }
            if (nameOf.apply(d).equals(name)) {
                table[i] = v;
                return;
            }
        }
    }

    /** Removes {@code v} if it is the value filed under its name. */
    synchronized boolean remove(T v) {
        String name = nameOf.apply(v);
        int mask = table.length - 1;
        for (int i = slot(name);; i = (i + 1) & mask) {
            T d = at(i);
            if (d == null) {
                return false;
            }
            if (nameOf.apply(d).equals(name)) {
                if (d != v) {
                    return false;
                }
                table[i] = null;
                size--;
                // shift the rest of the run back, so every value stays reachable from its home slot
                for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
                    int home = slot(nameOf.apply(at(j)));
                    boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
                    if (movable) {
                        table[i] = table[j];
                        table[j] = null;
                        i = j;
                    }
                }
                return true;
            }
        }
    }

    synchronized boolean isEmpty() {
        return size == 0;
    }

    /** The values now, in no order. */
    synchronized List<T> values() {
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < table.length; i++) {
            if (table[i] != null) {
                out.add(at(i));
            }
        }
        return out;
    }

    private void grow() {
        Object[] old = table;
        table = new Object[old.length * 2];
        size = 0;
        for (Object v : old) {
            if (v != null) {
                @SuppressWarnings("unchecked")
                T t = (T) v;
                put(t);
            }
        }
    }
}
