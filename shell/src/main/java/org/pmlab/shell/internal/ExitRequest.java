package org.pmlab.shell.internal;

/** {@code exit} or {@code quit}: ends the console, or the script, with a status. */
final class ExitRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** null: the status the run has so far (0, or 1 after a failed statement) */
    private final Integer status;

    ExitRequest(Integer status) {
        super("exit", null, false, false);
        this.status = status;
    }

    Integer status() {
        return status;
    }
}
