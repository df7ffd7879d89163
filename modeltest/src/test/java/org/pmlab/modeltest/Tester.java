package org.pmlab.modeltest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario: boots its machine, applies each operation and checks the invariants after
 * it, then winds down and compares with a fresh machine. A violation is an
 * {@link Violation} naming the check that broke, the operation after which it did, and
 * everything the run did up to there.
 */
final class Tester {

    /** Per-run figures for the summary. */
    static final class Stats {
        long ops;
        long runs;
        long powerCompared;
    }

    /** A broken invariant; its key (the check's name) is what shrinking must keep failing. */
    static final class Violation extends AssertionError {
        private static final long serialVersionUID = 1L;
        final String key;

        Violation(String key, String message, Throwable cause) {
            super(message, cause);
            this.key = key;
        }
    }

    /**
     * What vfio-pci's model says when a writer of {@code memory_lock} finds a BAR access in
     * flight that only this same user could end: the kernel's writer would wait for it.
     */
    static final String WAITS_FOR_ACCESS = "deadlock: memory_lock";

    /** Every how many operations all functions' sysfs attributes are compared with the model. */
    static final int FULL_SYSFS_EVERY = 16;

    private Tester() {
    }

    static void run(Scenario s, Stats stats) {
        Host host = Host.boot(s.topology(), s.kernel(), s.firmware(), s.disableIdleD3());
        World w = new World(s, host);
        w.log.add("boot: " + s.machine());
        List<String> v = Invariants.check(w, true);
        if (!v.isEmpty()) {
            throw violation(w, "at boot", v, null);
        }
        int n = 0;
        for (Op op : s.ops()) {
            n++;
            w.prune();
            String did;
            try {
                did = op.run(w);
            } catch (IllegalStateException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(WAITS_FOR_ACCESS)) {
                    w.log.add(n + ". " + op + " threw " + e);
                    throw violation(w, "operation " + n + " " + op, List.of("exception: " + e), e);
                }
                // the call would wait for the tester's own BAR access in flight: the model says so
                did = op + " would wait: " + e.getMessage();
            } catch (RuntimeException e) {
                w.log.add(n + ". " + op + " threw " + e);
                throw violation(w, "operation " + n + " " + op, List.of("exception: " + e), e);
            }
            w.log.add(n + ". " + did);
            v = Invariants.check(w, n % FULL_SYSFS_EVERY == 0 ? Invariants.SysfsScope.ALL : Invariants.SysfsScope.ONE, n);
            if (!v.isEmpty()) {
                throw violation(w, "after operation " + n, v, null);
            }
        }
        v = Invariants.check(w, true);
        if (!v.isEmpty()) {
            throw violation(w, "after the last operation", v, null);
        }
        stats.ops += n;
        stats.runs++;
        Rest.Outcome rest;
        try {
            rest = Rest.windDownAndCompare(w);
        } catch (RuntimeException e) {
            throw violation(w, "winding down", List.of("rest: exception " + e), e);
        }
        if (!rest.differences().isEmpty()) {
            throw violation(w, "at rest, against a freshly booted machine", prefixed(rest.differences()), null);
        }
        if (rest.powerCompared()) {
            stats.powerCompared++;
        }
        v = Invariants.check(w, true);
        if (!v.isEmpty()) {
            throw violation(w, "at rest", v, null);
        }
    }

    private static List<String> prefixed(List<String> diff) {
        List<String> out = new ArrayList<>();
        for (String d : diff) {
            out.add("rest: " + d);
        }
        return out;
    }

    private static Violation violation(World w, String where, List<String> found, Throwable cause) {
        String first = found.get(0);
        String key = first.substring(0, Math.max(0, first.indexOf(':')));
        StringBuilder sb = new StringBuilder("invariant '").append(key).append("' broken ").append(where).append(":\n    ")
                .append(String.join("\n    ", found)).append("\n  the run:\n    ").append(String.join("\n    ", w.log));
        if (cause != null) {
            StringWriter st = new StringWriter();
            cause.printStackTrace(new PrintWriter(st));
            sb.append("\n  ").append(st);
        }
        return new Violation(key, sb.toString(), cause);
    }
}
