package org.pmlab.sim.api;

/**
 * An injected fault: the next call (or every call) at {@code point} for {@code target} fails
 * with {@code errno}.
 *
 * @param errno a negative kernel error number
 */
public record Fault(String target, String point, int errno, boolean once) {
    public Fault {
        if (errno >= 0) {
            throw new IllegalArgumentException("a fault's errno must be negative, got " + errno);
        }
    }
}
