package org.pmlab.shell.internal;

/**
 * A statement that does not fit its command (a missing or extra argument, an unknown option, a
 * value that does not convert): the message is the one line the user reads.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
