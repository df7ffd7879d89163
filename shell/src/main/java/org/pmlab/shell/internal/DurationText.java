package org.pmlab.shell.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users type them: a number and its unit, "100ms", "1.5s", "250us", "10ns". */
final class DurationText {
    private DurationText() {
    }

    private static final Pattern SHAPE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s)");
    private static final String EXPECTED = "expected a number with its unit (ns, us, ms or s), e.g. 100ms";

    /**
     * @throws IllegalArgumentException for a missing unit, a negative or malformed number, or a
     *         duration too long for the clock (about 292 years)
     */
    static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            String why = t.matches("\\d+(\\.\\d+)?") ? "no unit" : t.startsWith("-") ? "negative" : "malformed";
            throw new IllegalArgumentException("bad duration '" + t + "' (" + why + "): " + EXPECTED);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        long perUnit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal ns = n.multiply(BigDecimal.valueOf(perUnit));
        if (ns.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("bad duration '" + t + "': finer than a nanosecond");
        }
        try {
            return Duration.ofNanos(ns.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bad duration '" + t + "': too long for the simulated clock");
        }
    }

    /** Virtual time as the trace prints it: seconds with microseconds. */
    static String seconds(long ns) {
        return String.format("%d.%06d s", ns / 1_000_000_000L, (ns / 1_000L) % 1_000_000L);
    }
}
