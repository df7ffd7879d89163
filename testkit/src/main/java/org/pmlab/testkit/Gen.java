package org.pmlab.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator: draws a value from {@link Choices}. Choice 0 everywhere gives the simplest value
 * (the smallest number, the first alternative, the shortest list, null where null is allowed),
 * which is what shrinking moves towards.
 */
@FunctionalInterface
public interface Gen<T> {

    T draw(Choices c);

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return c -> f.apply(draw(c));
    }

    /** Null with probability {@code p}; null is the simplest value. */
    default Gen<T> orNull(double p) {
        return c -> c.chance(1 - p) ? draw(c) : null;
    }

    /** A list of {@code min..max} elements. Each element past the minimum is preceded by a "more" choice, so deleting choices deletes elements. */
    default Gen<List<T>> list(int min, int max) {
        return c -> {
            List<T> out = new ArrayList<>();
            while (out.size() < min) {
                out.add(draw(c));
            }
            while (out.size() < max && c.chance(0.9)) {
                out.add(draw(c));
            }
            return out;
        };
    }

    /** A list of exactly {@code n} elements. */
    default Gen<List<T>> list(int n) {
        return list(n, n);
    }

    static Gen<Integer> between(int min, int max) {
        return c -> c.between(min, max);
    }

    static Gen<Boolean> bool() {
        return c -> c.below(2) == 1;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.copyOf(Arrays.asList(values));
        return c -> copy.get((int) c.below(copy.size()));
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return c -> copy.get((int) c.below(copy.size()));
    }

    static <E extends Enum<E>> Gen<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    /** One of several generators, the first being the simplest. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return c -> copy.get((int) c.below(copy.size())).draw(c);
    }

    /** Any subset of {@code values}, each kept with probability one half, in their order; shrinks towards the empty set. */
    static <T> Gen<Set<T>> subsetOf(List<T> values) {
        List<T> copy = List.copyOf(values);
        return c -> {
            Set<T> out = new LinkedHashSet<>();
            for (T v : copy) {
                if (c.below(2) == 1) {
                    out.add(v);
                }
            }
            return out;
        };
    }

    /** Text of up to {@code maxLength} UTF-16 units from the Basic Multilingual Plane, without surrogates (they are not text). */
    static Gen<String> text(int maxLength) {
        return c -> {
            int n = c.between(0, maxLength);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                int code = c.between(0, 0xFFFF - 0x800);
                sb.append((char) (code < 0xD800 ? code : code + 0x800));
            }
            return sb.toString();
        };
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return c -> f.apply(a.draw(c), b.draw(c));
    }
}
