package org.pmlab.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GetPutBenchmark} and prints the runtime PM get+put pair as a ratio to the
 * AtomicInteger baseline measured in the same run, for each configuration (the figures README
 * reports; target ≤ 2 for both).
 */
public final class RatioReport {
    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(GetPutBenchmark.class.getName()).build()).run();
        for (String configuration : new String[] {"unobserved", "live"}) {
            double getPut = score(results, "getSyncPutOnActiveDevice", configuration);
            double baseline = score(results, "atomicIntegerIncrementDecrement", configuration);
            System.out.printf("%-10s get_sync+put on an active device: %.2f ns/op; AtomicInteger inc+dec: %.2f ns/op;"
                    + " ratio %.2f%n", configuration, getPut, baseline, getPut / baseline);
        }
    }

    private static double score(Collection<RunResult> results, String method, String configuration) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> configuration.equals(r.getParams().getParam("configuration")))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " (" + configuration + ")"));
    }
}
