package org.pmlab.sim.api;

/** Raised when settling does not converge: the model keeps producing work (a livelock). */
public class SettleLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SettleLimitException(String message) {
        super(message);
    }
}
