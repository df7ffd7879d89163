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
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.topology.api.Topology;

/**
 * Waking one device deep in a settled fleet-class host and letting it settle again: {@code pm_runtime_get_sync} on
 * the last GPU resumes the slot's port, the switches and the root port above it; {@code pm_runtime_put} and the
 * settle bring them all back to D3cold. The baseline is the same on a host of one root port of the same shape, so
 * the ratio says how much the rest of the host costs a single device (ideally nothing).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ScaleWakeOneBenchmark {

    /** A settled host; {@code functions} 0 stands for the smallest host of the shape. */
    @State(Scope.Benchmark)
    public static class SettledHost {
        @Param({"100000", "1000000"})
        public int functions;

        SimMachine machine;
        RuntimePm rpm;
        PmDevice deep;

        @Setup(Level.Trial)
        public void bootBindSettle() {
            settle(functions);
        }

        void settle(int size) {
            Topology topology = Fleet.topology(size);
            List<Bdf> endpoints = Fleet.endpoints(topology);
            machine = Fleet.boot(topology);
            Fleet.bindAll(machine, endpoints);
            machine.clock().settle();
            Fleet.checkAllSuspended(machine);
            rpm = machine.runtimePm();
            deep = machine.pci().get(endpoints.get(endpoints.size() - 2)).pm(); // the last GPU, before the slot's PF
        }
    }

    /** One root port of the same shape. */
    @State(Scope.Benchmark)
    public static class SmallHost extends SettledHost {
        @Override
        @Setup(Level.Trial)
        public void bootBindSettle() {
            settle(1);
        }
    }

    @Benchmark
    public int wakeOneDeepDevice(SettledHost host) {
        return wake(host);
    }

    @Benchmark
    public int wakeOneDeepDeviceOfOneRootPort(SmallHost host) {
        return wake(host);
    }

    private static int wake(SettledHost host) {
        int r = host.rpm.getSync(host.deep);
        if (r < 0) {
            throw new IllegalStateException("resume failed: " + r);
        }
        host.rpm.put(host.deep);
        return host.machine.clock().settle();
    }
}
