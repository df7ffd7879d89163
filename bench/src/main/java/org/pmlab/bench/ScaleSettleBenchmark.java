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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.topology.api.Topology;

/**
 * Settle of a fleet-class host from all-active: every endpoint was just bound to vfio-pci (nothing settled yet, so
 * every function is active with its idle work queued), and settling runs the machine down to all-suspended. The
 * baseline ({@link ObjectWalk}) visits as many plain objects as the host has functions.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ScaleSettleBenchmark {

    @State(Scope.Benchmark)
    public static class BoundHost {
        @Param({"100000", "1000000"})
        public int functions;

        private Topology topology;
        private List<Bdf> endpoints;
        SimMachine machine;

        @Setup(Level.Trial)
        public void generate() {
            topology = Fleet.topology(functions);
            endpoints = Fleet.endpoints(topology);
        }

        @Setup(Level.Iteration)
        public void bootAndBind() {
            machine = null; // the previous machine may go before the next one boots
            machine = Fleet.boot(topology);
            Fleet.bindAll(machine, endpoints);
        }

        @TearDown(Level.Iteration)
        public void check() {
            Fleet.checkAllSuspended(machine);
        }
    }

    @Benchmark
    public int settleFromAllActive(BoundHost host) {
        return host.machine.clock().settle();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public long objectWalk(ObjectWalk walk) {
        return walk.touchAll();
    }
}
