package org.pmlab.testkit;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a check on many generated values, each from its own seed, and shrinks the first failure.
 * Deterministic: the seeds follow from one base seed, which the caller fixes and which
 * {@code -Dpmlab.seed=N} overrides to replay a reported failure (try 0 of a run uses the base
 * seed itself, so the reported seed reproduces the case directly). Shrinking edits the recorded
 * choices (see {@link Choices}) and keeps an edit while the check still fails the same way.
 */
public final class Property<T> {

    /** System property that replaces every property's base seed. */
    public static final String SEED = "pmlab.seed";
    /** System property that multiplies every property's number of tries (for long runs). */
    public static final String TRIES_FACTOR = "pmlab.tries.factor";

    private static final int SHRINK_RUNS = 4000;
    private int shrinkRuns = SHRINK_RUNS;
    /** Block sizes tried for deletion: an element of a list of records is a few choices long. */
    private static final int[] BLOCKS = {32, 16, 8, 7, 6, 5, 4, 3, 2, 1};

    private final String name;
    private final Gen<T> gen;
    private long seed = 0x5eed;
    private int tries = 100;
    private Function<Throwable, String> kind = t -> t.getClass().getName();

    private Property(String name, Gen<T> gen) {
        this.name = name;
        this.gen = gen;
    }

    public static <T> Property<T> forAll(String name, Gen<T> gen) {
        return new Property<>(name, gen);
    }

    public Property<T> seed(long base) {
        this.seed = base;
        return this;
    }

    public Property<T> tries(int n) {
        this.tries = n;
        return this;
    }

    /** How many replays shrinking may spend (default 4000): fewer where one try is long. */
    public Property<T> shrinkRuns(int n) {
        this.shrinkRuns = n;
        return this;
    }

    /**
     * What makes two failures the same for shrinking (default: their class): an edit is kept only
     * while the check still fails with the same kind, so a shrunk case shows the original bug.
     */
    public Property<T> failureKind(Function<Throwable, String> f) {
        this.kind = f;
        return this;
    }

    /** The seed of try {@code i} of a run from {@code base}; try 0 is the base itself. */
    public static long seedOf(long base, int i) {
        return i == 0 ? base : mix(base + i * 0x9E3779B97F4A7C15L);
    }

    /** {@code n} values drawn from consecutive seeds, to look at what a generator makes. */
    public static <T> Stream<T> samples(Gen<T> gen, long base, int n) {
        return Stream.iterate(0, i -> i + 1).limit(n).map(i -> gen.draw(Choices.random(seedOf(base, i))));
    }

    /** Runs {@code check} on every try; the first failure is shrunk and reported with its seed. */
    public void check(Consumer<? super T> check) {
        String fixed = System.getProperty(SEED);
        long base = fixed == null || fixed.isBlank() ? seed : Long.parseLong(fixed.trim());
        int n = fixed == null ? tries * factor() : 1;
        for (int i = 0; i < n; i++) {
            long s = seedOf(base, i);
            Choices c = Choices.random(s);
            T value = gen.draw(c);
            Throwable failure = run(check, value);
            if (failure != null) {
                throw report(i, n, s, c.recorded(), value, failure, check);
            }
        }
    }

    private static int factor() {
        String f = System.getProperty(TRIES_FACTOR);
        return f == null || f.isBlank() ? 1 : Math.max(1, Integer.parseInt(f.trim()));
    }

    private static <T> Throwable run(Consumer<? super T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    private AssertionError report(int i, int n, long s, long[] choices, T original, Throwable failure,
            Consumer<? super T> check) {
        Shrunk<T> best = shrink(choices, original, failure, check);
        String text = name + " failed on try " + (i + 1) + " of " + n + ", seed " + s
                + " (replay: -D" + SEED + "=" + s + ")\n"
                + "shrunk in " + best.runs + " runs from " + choices.length + " to " + best.choices.length + " choices:\n  "
                + best.value + "\nfailure: " + best.failure;
        return new AssertionError(text, best.failure);
    }

    private record Shrunk<T>(long[] choices, T value, Throwable failure, int runs) {
    }

    private Shrunk<T> shrink(long[] choices, T value, Throwable failure, Consumer<? super T> check) {
        Shrunk<T> best = new Shrunk<>(choices, value, failure, 0);
        int runs = 0;
        boolean improved = true;
        while (improved && runs < shrinkRuns) {
            improved = false;
            // delete blocks of choices, large ones first: removes list elements and whole sub-structures
            for (int k : BLOCKS) {
                if (runs >= shrinkRuns) {
                    break;
                }
                for (int at = best.choices.length - k; at >= 0 && runs < shrinkRuns; at--) {
                    long[] cand = new long[best.choices.length - k];
                    System.arraycopy(best.choices, 0, cand, 0, at);
                    System.arraycopy(best.choices, at + k, cand, at, cand.length - at);
                    runs++;
                    Shrunk<T> next = attempt(cand, best, check, runs);
                    if (next != null) {
                        best = next;
                        improved = true;
                        at = Math.min(at, best.choices.length - k + 1);
                    }
                }
            }
            // lower each choice: to 0, else by halving the distance
            for (int at = 0; at < best.choices.length && runs < shrinkRuns; at++) {
                long lo = 0;
                long hi = best.choices[at];
                while (lo < hi && runs < shrinkRuns) {
                    long[] cand = best.choices.clone();
                    long mid = lo + (hi - lo) / 2;
                    cand[at] = mid;
                    runs++;
                    Shrunk<T> next = attempt(cand, best, check, runs);
                    if (next != null) {
                        best = next;
                        improved = true;
                        if (at >= best.choices.length) {
                            break;
                        }
                        hi = best.choices[at];
                    } else {
                        lo = mid + 1;
                    }
                }
            }
        }
        return new Shrunk<>(best.choices, best.value, best.failure, runs);
    }

    /** Replays edited choices; returns the new best when the check still fails with the same {@link #failureKind}. */
    private Shrunk<T> attempt(long[] cand, Shrunk<T> best, Consumer<? super T> check, int runs) {
        Choices c = Choices.replay(cand);
        T value;
        try {
            value = gen.draw(c);
        } catch (RuntimeException e) {
            return null; // the edit made no valid value
        }
        long[] used = c.recorded();
        if (!simpler(used, best.choices)) {
            return null;
        }
        Throwable f = run(check, value);
        if (f == null || !kind.apply(f).equals(kind.apply(best.failure))) {
            return null;
        }
        return new Shrunk<>(used, value, f, runs);
    }

    /** Shorter, or as long and smaller at the first difference: every accepted edit makes progress. */
    private static boolean simpler(long[] a, long[] b) {
        if (a.length != b.length) {
            return a.length < b.length;
        }
        return Arrays.compare(a, b) < 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
