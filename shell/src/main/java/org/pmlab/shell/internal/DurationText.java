package org.pmlab.shell.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users type them: "100ms", "1.5s", "250us", "10ns"; a bare number is milliseconds. */
final class DurationText {
    private DurationText() {
    }

    private static final Pattern SHAPE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s)?");

    static Duration parse(String text) {
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected a number with ns, us, ms or s, e.g. 100ms");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long perUnit = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        return Duration.ofNanos(n.multiply(BigDecimal.valueOf(perUnit)).longValueExact());
    }

    /** Virtual time as the trace prints it: seconds with microseconds. */
    static String seconds(long ns) {
        return String.format("%d.%06d s", ns / 1_000_000_000L, (ns / 1_000L) % 1_000_000L);
    }
}
