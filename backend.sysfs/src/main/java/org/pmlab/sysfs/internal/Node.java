package org.pmlab.sysfs.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A node of the sysfs tree: a directory, an attribute file or a symbolic link. */
sealed interface Node permits Node.Dir, Node.File, Node.Link {

    String name();

    /** A directory whose entries are computed from the model each time they are asked for. */
    record Dir(String name, Supplier<List<Node>> entries, Lookup lookup) implements Node {
        /** Finds one entry by name; may be faster than listing them all. */
        @FunctionalInterface
        interface Lookup {
            Optional<Node> find(String name);
        }

        static Dir of(String name, Supplier<List<Node>> entries) {
            return new Dir(name, entries, null);
        }

        Optional<Node> child(String child) {
            if (lookup != null) {
                return lookup.find(child);
            }
            return entries.get().stream().filter(n -> n.name().equals(child)).findFirst();
        }
    }

    /**
     * An attribute: its mode, and its show and store functions. {@code show} returns the text
     * (newline included) or throws {@link Err.Fail}; {@code store} returns the byte count or a
     * negative errno. A function is {@code null} when the attribute has none.
     */
    record File(String name, int mode, Supplier<String> show, Store store) implements Node {
        @FunctionalInterface
        interface Store {
            int store(String buf);
        }
    }

    /** A symbolic link; the target is relative to the directory holding the link. */
    record Link(String name, String target) implements Node {
    }
}
