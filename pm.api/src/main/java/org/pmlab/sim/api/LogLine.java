package org.pmlab.sim.api;

/** One kernel log message, such as "x: Runtime PM usage count underflow!". */
public record LogLine(long timeNs, String text) {

    /** As dmesg prints it: "[    0.000000] text". */
    public String line() {
        StringBuilder sb = new StringBuilder(16 + text.length()).append('[');
        Seconds.append(sb, timeNs, 5);
        return sb.append("] ").append(text).toString();
    }
}
