package org.pmlab.shell.internal;

/**
 * A result to print as JSON whatever the session's format ({@code --json}): the formatter
 * writes {@code value} with {@link Views#json}.
 */
record Json(Object value) {
}
