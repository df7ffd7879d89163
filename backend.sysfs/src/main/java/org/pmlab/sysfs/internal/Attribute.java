package org.pmlab.sysfs.internal;

import java.util.function.Predicate;
import org.pmlab.machine.api.Machine;

/**
 * One kind of attribute of an object of type {@code T} (a PCI device, a driver): its name, its
 * mode, when an object has it ({@code is_visible}), and its show and store functions. Tables of
 * these describe the tree; {@link #bind} makes the file of one object.
 */
record Attribute<T>(String name, int mode, Predicate<T> visible, Show<T> show, Store<T> store) {

    /** A {@code show} callback: the text, newline included, or {@link Err.Fail}. */
    @FunctionalInterface
    interface Show<T> {
        String show(Machine m, T obj);
    }

    /** A {@code store} callback: the byte count, or a negative errno. */
    @FunctionalInterface
    interface Store<T> {
        int store(Machine m, T obj, String buf);
    }

    static <T> Attribute<T> ro(String name, Predicate<T> visible, Show<T> show) {
        return new Attribute<>(name, 0444, visible, show, null);
    }

    static <T> Attribute<T> rw(String name, Predicate<T> visible, Show<T> show, Store<T> store) {
        return new Attribute<>(name, 0644, visible, show, store);
    }

    static <T> Attribute<T> wo(String name, Predicate<T> visible, Store<T> store) {
        return new Attribute<>(name, 0200, visible, null, store);
    }

    static <T> Predicate<T> always() {
        return o -> true;
    }

    Node.File bind(Machine m, T obj) {
        return new Node.File(name, mode, show == null ? null : () -> show.show(m, obj),
                store == null ? null : buf -> store.store(m, obj, buf));
    }
}
