package org.pmlab.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GetPutBenchmark} and prints the runtime PM get+put pair as a ratio to the
 * AtomicInteger baseline measured in the same run (the figure README reports; target ≤ 2).
 */
public final class RatioReport {
    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(GetPutBenchmark.class.getName()).build()).run();
        double getPut = score(results, "getSyncPutOnActiveDevice");
        double baseline = score(results, "atomicIntegerIncrementDecrement");
        System.out.printf("get_sync+put on an active device: %.2f ns/op; AtomicInteger inc+dec: %.2f ns/op; ratio %.2f%n",
                getPut, baseline, getPut / baseline);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }
}
