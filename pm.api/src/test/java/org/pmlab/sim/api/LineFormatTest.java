package org.pmlab.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineFormatTest {

    private static final long[] TIMES = {0, 1, 999, 1_000, 123_456_789, 1_000_000_000L, 12_345_678_901_234L,
        999_999_999_999_999L, 1_234_567_890_123_456L};

    @Test
    void traceLinesPrintSecondsAndMicrosecondsAsTheKernelDoes() {
        assertThat(new TraceRecord(1_500_000, "rpm_idle", "d", "d flags-4").line()).isEqualTo("     0.001500: rpm_idle: d flags-4");
        for (long t : TIMES) {
            assertThat(new TraceRecord(t, "e", "d", "x").line())
                    .isEqualTo(String.format("%6d.%06d: %s: %s", t / 1_000_000_000L, (t / 1_000L) % 1_000_000L, "e", "x"));
        }
    }

    @Test
    void logLinesPrintAsDmesgDoes() {
        assertThat(new LogLine(2_000_123_000L, "pcieport 0000:00:01.0: PME: x").line())
                .isEqualTo("[    2.000123] pcieport 0000:00:01.0: PME: x");
        for (long t : TIMES) {
            assertThat(new LogLine(t, "m").line())
                    .isEqualTo(String.format("[%5d.%06d] %s", t / 1_000_000_000L, (t / 1_000L) % 1_000_000L, "m"));
        }
    }
}
