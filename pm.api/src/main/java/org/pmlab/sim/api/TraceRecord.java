package org.pmlab.sim.api;

/**
 * One trace event: a kernel tracepoint such as {@code rpm_suspend}, or a pmlab event for a
 * transition the kernel does not trace (PCI power state, ACPI power resource).
 *
 * @param text the part after "event: ", e.g. "0000:01:00.0 flags-4 cnt-0  dep-0  auto-1 p-0 irq-0 child-0"
 */
public record TraceRecord(long timeNs, String event, String device, String text) {

    /** The line as {@code pm:trace show} prints it, prefixed with virtual time in seconds. */
    public String line() {
        StringBuilder sb = new StringBuilder(24 + event.length() + text.length());
        Seconds.append(sb, timeNs, 6);
        return sb.append(": ").append(event).append(": ").append(text).toString();
    }
}
