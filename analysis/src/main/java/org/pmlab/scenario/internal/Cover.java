package org.pmlab.scenario.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings as tuples of knob values: every combination of the domains, and a cover of a set of
 * combinations by disjoint "cubes" (one value set per knob) so that a knob that does not matter
 * for an outcome shows all its values in one row instead of one row per value.
 */
final class Cover {
    private Cover() {
    }

    /** Every combination, the first knob varying slowest. */
    static List<List<String>> product(List<List<String>> domains) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> d : domains) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : d) {
                    List<String> t = new ArrayList<>(prefix);
                    t.add(v);
                    next.add(t);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Disjoint cubes whose union is exactly {@code tuples}. Greedy and deterministic: from the
     * first uncovered tuple, each knob in turn is widened to every value (in domain order) for
     * which the whole widened cube is still uncovered.
     */
    static List<List<List<String>>> cubes(List<List<String>> tuples, List<List<String>> domains) {
        Set<List<String>> left = new LinkedHashSet<>(tuples);
        List<List<List<String>>> out = new ArrayList<>();
        while (!left.isEmpty()) {
            List<String> seed = left.iterator().next();
            List<List<String>> cube = new ArrayList<>();
            for (String v : seed) {
                cube.add(new ArrayList<>(List.of(v)));
            }
            for (int k = 0; k < domains.size(); k++) {
                for (String v : domains.get(k)) {
                    if (cube.get(k).contains(v)) {
                        continue;
                    }
                    List<List<String>> wider = new ArrayList<>(cube);
                    List<String> values = new ArrayList<>(cube.get(k));
                    values.add(v);
                    wider.set(k, values);
                    if (left.containsAll(product(wider))) {
                        cube = wider;
                    }
                }
                List<String> sorted = new ArrayList<>();
                for (String v : domains.get(k)) {
                    if (cube.get(k).contains(v)) {
                        sorted.add(v);
                    }
                }
                cube.set(k, sorted);
            }
            List<List<String>> members = product(cube);
            members.forEach(left::remove);
            out.add(cube);
        }
        return out;
    }

    /** Whether the cubes cover {@code tuples} exactly, without overlap (for tests). */
    static boolean exact(List<List<List<String>>> cubes, List<List<String>> tuples) {
        Set<List<String>> seen = new HashSet<>();
        for (List<List<String>> c : cubes) {
            for (List<String> t : product(c)) {
                if (!seen.add(t)) {
                    return false;
                }
            }
        }
        return seen.equals(new HashSet<>(tuples));
    }
}
