package org.pmlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and prints each as a ratio to its baseline measured in the same run (the figures README
 * reports): the runtime PM get+put pair against an AtomicInteger in each configuration (target ≤ 2 for both), and the
 * scale benchmarks on fleet-class hosts (settle, bulk bind, boot, wake-one, heap per function).
 * <pre>
 *   RatioReport                       everything, hosts of 100k and 1M functions
 *   RatioReport --sizes 100000        the scale benchmarks at the given sizes only (comma-separated)
 *   RatioReport --no-scale            the get+put pair only
 *   RatioReport --quick               1 warm-up and 2 measured iterations each, for a first look
 * </pre>
 */
public final class RatioReport {
    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        String sizes = "100000,1000000";
        boolean scale = true;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = args[++i];
                case "--no-scale" -> scale = false;
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --sizes N[,N...], --no-scale or --quick");
            }
        }
        Collection<RunResult> getPut = new Runner(iterations(new OptionsBuilder(), quick)
                .include(GetPutBenchmark.class.getName()).build()).run();
        List<String> lines = new ArrayList<>();
        for (String configuration : new String[] {"unobserved", "live"}) {
            double pair = score(getPut, "getSyncPutOnActiveDevice", "configuration", configuration);
            double baseline = score(getPut, "atomicIntegerIncrementDecrement", "configuration", configuration);
            lines.add(String.format("%-10s get_sync+put on an active device: %.2f ns/op; AtomicInteger inc+dec: %.2f ns/op;"
                    + " ratio %.2f", configuration, pair, baseline, pair / baseline));
        }
        if (scale) {
            String[] each = sizes.split(",");
            Collection<RunResult> results = new Runner(iterations(new OptionsBuilder(), quick)
                    .include("org\\.pmlab\\.bench\\.Scale.*")
                    .param("functions", each).build()).run();
            for (String n : each) {
                lines.add(ratio(results, n, "settle from all-active", "ScaleSettleBenchmark.settleFromAllActive", "ms",
                        "array walk of as many objects", "ScaleSettleBenchmark.objectWalk"));
                lines.add(ratio(results, n, "bind every endpoint to vfio-pci", "ScaleBindBenchmark.bindAllEndpoints", "ms",
                        "array walk of as many objects", "ScaleBindBenchmark.objectWalkOfAsManyEndpoints"));
                lines.add(ratio(results, n, "boot from JSON", "ScaleBootBenchmark.bootFromJson", "ms",
                        "Jackson tree of the same JSON", "ScaleBootBenchmark.jacksonTreeOfTheSameJson"));
                lines.add(ratio(results, n, "wake one deep device and settle", "ScaleWakeOneBenchmark.wakeOneDeepDevice", "us",
                        "the same on one root port", "ScaleWakeOneBenchmark.wakeOneDeepDeviceOfOneRootPort"));
                lines.add(heapPerFunction(n));
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static ChainedOptionsBuilder iterations(ChainedOptionsBuilder options, boolean quick) {
        return quick ? options.warmupIterations(1).measurementIterations(2) : options;
    }

    private static String ratio(Collection<RunResult> results, String n, String what, String benchmark, String unit,
            String baselineWhat, String baseline) {
        double measured = score(results, benchmark, "functions", n);
        double base = score(results, baseline, "functions", n);
        return String.format("%s functions: %s %.3f %s/op; %s %.3f %s/op; ratio %.1f", n, what, measured, unit,
                baselineWhat, base, unit, measured / base);
    }

    /** In a JVM of its own, so nothing else this run allocated is counted. */
    private static String heapPerFunction(String n) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g", "-cp", System.getProperty("java.class.path"), HeapPerFunction.class.getName(), n)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("heap measurement failed: " + out);
        }
        return n + " functions: " + out.substring(out.indexOf(':') + 2) + " (target 512)";
    }

    private static double score(Collection<RunResult> results, String method, String param, String value) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> value.equals(r.getParams().getParam(param)))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " (" + param + "=" + value + ")"));
    }
}
