package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.pmlab.testkit.Property;

/**
 * The model-based random tester over every layer: random user-level operations on machines of
 * every kernel version and firmware, on the embedded host and on generated ones, with faults at
 * every declared point; the invariants after every operation and the comparison with a fresh
 * machine at rest (see {@link Invariants}, {@link Rest}). A failure prints its seed
 * ({@code -Dpmlab.seed=N} replays it) and the run shrunk to the operations that still break the
 * same invariant.
 * <p>
 * The test command runs a short run (120 runs of 30 operations on average). The long run,
 * {@code -Dpmlab.model.ops=N} (e.g. 1000000), runs batches of longer runs (200 operations on
 * average, so most of the time goes to operations rather than to booting machines) until N
 * operations are done, prints progress every 10 s on stderr, keeps going after a violation
 * (each is printed when found, shrunk with a smaller budget than in the short run) and fails
 * at the end if there was any. The operation count includes the runs shrinking replays.
 */
class ModelBasedTest {

    private static final long SHORT_RUNS = 120;
    private static final int MAX_OPS = 40;
    private static final int LONG_MAX_OPS = 300;
    private static final double LONG_MORE = 199.0 / 200;
    private static final int LONG_TRIES = 50;
    private static final long BASE_SEED = 0x14b_5eedL;

    @Test
    void everyLayerAtRandomKeepsEveryCount() {
        long target = Long.getLong("pmlab.model.ops", 0);
        Tester.Stats stats = new Tester.Stats();
        List<String> violations = new ArrayList<>();
        long start = System.nanoTime();
        long lastReport = start;
        int batch = 0;
        try {
            do {
                // batch b starts where batch 0's tries end, so no two batches share a try
                long seed = Property.seedOf(BASE_SEED, LONG_TRIES * batch++);
                Property<Scenario> p = Property.forAll("model-based run",
                        target == 0 ? Scenario.scenarios(MAX_OPS) : Scenario.scenarios(LONG_MAX_OPS, LONG_MORE))
                        .seed(seed).tries((int) (target == 0 ? SHORT_RUNS : LONG_TRIES)).shrinkRuns(target == 0 ? 4000 : 300)
                        .failureKind(t -> t instanceof Tester.Violation v ? v.key : t.getClass().getName());
                if (target == 0) {
                    p.check(s -> Tester.run(s, stats));
                    break;
                }
                try {
                    p.check(s -> Tester.run(s, stats));
                } catch (AssertionError e) {
                    violations.add(e.getMessage());
                    System.err.println("model tester: violation " + violations.size() + ":\n" + e.getMessage());
                }
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    System.err.println(summary(stats, now - start, target, violations.size()));
                }
            } while (stats.ops < target && System.getProperty(Property.SEED) == null);
        } finally {
            System.err.println(summary(stats, System.nanoTime() - start, target, violations.size()));
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " violations in the long run; the first:\n" + violations.get(0));
        }
    }

    private static String summary(Tester.Stats s, long nanos, long target, int violations) {
        double secs = nanos / 1e9;
        return String.format(Locale.ROOT, "model tester: %d operations in %d runs, %.1f s, %.0f ops/s, full rest"
                + " comparison in %d runs, %d violations%s", s.ops, s.runs, secs, s.ops / Math.max(secs, 1e-9),
                s.powerCompared, violations, target > 0 ? " (target " + target + ")" : "");
    }
}
