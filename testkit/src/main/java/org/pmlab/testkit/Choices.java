package org.pmlab.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The stream of bounded choices a generator draws from. A fresh stream draws from a seeded
 * random source and records every choice; a replayed stream reads a recorded (and possibly
 * edited) sequence back, clamping each value to its bound and reading 0 past the end. Every
 * generator maps choice 0 to its simplest value, so shrinking can work on the choices alone
 * (delete some, lower others) whatever the generated type is.
 */
public final class Choices {

    private final SplittableRandom random;
    private long[] values;
    private int size;
    private int position;

    private Choices(SplittableRandom random, long[] values) {
        this.random = random;
        this.values = values;
        this.size = random == null ? values.length : 0;
    }

    /** A fresh stream from a seed. */
    public static Choices random(long seed) {
        return new Choices(new SplittableRandom(seed), new long[64]);
    }

    /** A stream that replays recorded choices. */
    public static Choices replay(long[] recorded) {
        return new Choices(null, recorded.clone());
    }

    /** A choice in {@code [0, bound)}. */
    public long below(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        if (random == null) {
            long v = position < size ? Math.min(Math.max(values[position], 0), bound - 1) : 0;
            if (position < size) {
                values[position] = v; // what was used, so a replay's record is exact
            }
            position++;
            return v;
        }
        long v = bound == 1 ? 0 : random.nextLong(bound);
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
        position++;
        return v;
    }

    /** An int in {@code [min, max]}; shrinks towards {@code min}. */
    public int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return (int) (min + below((long) max - min + 1));
    }

    /** True with probability {@code p}; shrinks towards false. */
    public boolean chance(double p) {
        return below(1_000_000) >= Math.round((1 - p) * 1_000_000);
    }

    /** The choices made so far, for shrinking and replay. */
    public long[] recorded() {
        return Arrays.copyOf(values, random == null ? Math.min(position, size) : size);
    }

    /** How many choices have been drawn. */
    public int drawn() {
        return position;
    }
}
