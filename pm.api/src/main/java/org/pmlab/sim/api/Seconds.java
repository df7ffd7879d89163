package org.pmlab.sim.api;

/** Virtual time as the kernel prints it in dmesg and trace lines: seconds, a dot, six digits of microseconds. */
final class Seconds {
    private Seconds() {
    }

    /** Appends {@code %<width>d.%06d} of the seconds and microseconds in {@code timeNs}. */
    static void append(StringBuilder sb, long timeNs, int width) {
        String seconds = Long.toString(timeNs / 1_000_000_000L);
        for (int i = seconds.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(seconds).append('.');
        String micros = Long.toString((timeNs / 1_000L) % 1_000_000L);
        for (int i = micros.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(micros);
    }
}
