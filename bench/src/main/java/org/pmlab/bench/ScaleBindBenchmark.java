package org.pmlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.topology.api.Topology;

/**
 * Bulk bind of every endpoint of a freshly booted fleet-class host to vfio-pci (driver_override, then bind, per
 * function; the settle that follows is {@link ScaleSettleBenchmark}'s). The baseline visits as many plain objects
 * as there are endpoints.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ScaleBindBenchmark {

    @State(Scope.Benchmark)
    public static class FreshHost {
        @Param({"100000", "1000000"})
        public int functions;

        private Topology topology;
        List<Bdf> endpoints;
        SimMachine machine;

        @Setup(Level.Trial)
        public void generate() {
            topology = Fleet.topology(functions);
            endpoints = Fleet.endpoints(topology);
        }

        @Setup(Level.Iteration)
        public void boot() {
            machine = null;
            machine = Fleet.boot(topology);
        }
    }

    @Benchmark
    public SimMachine bindAllEndpoints(FreshHost host) {
        Fleet.bindAll(host.machine, host.endpoints);
        return host.machine;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public long objectWalkOfAsManyEndpoints(ObjectWalk walk) {
        return walk.touch(walk.endpoints);
    }
}
