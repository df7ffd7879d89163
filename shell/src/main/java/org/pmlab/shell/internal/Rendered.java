package org.pmlab.shell.internal;

/**
 * A result with a text form of its own (a tree, an lspci-like view, a composite of tables):
 * the formatter prints {@link #render()}; as JSON it is its record components.
 */
interface Rendered {
    String render();
}
