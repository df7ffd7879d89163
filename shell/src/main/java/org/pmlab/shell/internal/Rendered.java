package org.pmlab.shell.internal;

import java.io.IOException;

/**
 * A result with a text form of its own (a tree, an lspci-like view, a composite of tables):
 * the formatter prints {@link #render()}; as JSON it is its record components.
 */
interface Rendered {
    String render();

    /**
     * Writes the text form into {@code out}; a big view (the tree of a fleet host) writes it as
     * it goes instead of building it whole first.
     */
    default void renderTo(Appendable out) throws IOException {
        out.append(render());
    }
}
