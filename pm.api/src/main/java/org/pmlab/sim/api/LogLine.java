package org.pmlab.sim.api;

/** One kernel log message, such as "x: Runtime PM usage count underflow!". */
public record LogLine(long timeNs, String text) {

    /** As dmesg prints it: "[    0.000000] text". */
    public String line() {
        return String.format("[%5d.%06d] %s", timeNs / 1_000_000_000L, (timeNs / 1_000L) % 1_000_000L, text);
    }
}
