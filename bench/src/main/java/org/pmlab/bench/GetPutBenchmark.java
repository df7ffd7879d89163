package org.pmlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.EventAdminBridge;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;

/**
 * The cost of the commonest runtime PM pair, a driver's {@code pm_runtime_get_sync} and
 * {@code pm_runtime_put} on a device another holder keeps active (so no transition happens),
 * next to the baseline of an AtomicInteger increment and decrement in the same run. Two
 * configurations: a machine nobody observes, and the live one as {@code ./pmlab --mirror} runs
 * it (Event Admin bound, the mirror subscribed to the state topics, the trace off).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class GetPutBenchmark {

    /** The mirror's subscription (MirrorComponent's event.topics). */
    static final String[] MIRROR_TOPICS = {"org/pmlab/pm/*", "org/pmlab/pci/*", "org/pmlab/firmware/*",
        "org/pmlab/machine/*"};

    @Param({"unobserved", "live"})
    public String configuration;

    private RuntimePm rpm;
    private PmDevice dev;
    private EventAdminBridge bridge;
    private AsyncEventAdmin eventAdmin;
    private final AtomicInteger counter = new AtomicInteger();

    @Setup
    public void setUp() {
        EventSink sink = EventSink.NONE;
        if (configuration.equals("live")) {
            bridge = new EventAdminBridge();
            eventAdmin = new AsyncEventAdmin();
            bridge.setEventAdmin(eventAdmin);
            bridge.handler("mirror", MIRROR_TOPICS);
            sink = bridge;
        }
        Topology empty = new Topology("bench", new PlatformSpec("bench", 2022), List.of(), List.of());
        SimMachine m = SimMachine.boot(1, new BootSpec(empty, KernelVersion.NEWEST, PciePortPm.DEFAULT, null), null,
                sink, List.of());
        rpm = m.runtimePm();
        dev = m.pmDevices().add("dev", null, null);
        rpm.enable(dev);
        if (rpm.getSync(dev) != 0) { // the other holder: keeps it active
            throw new IllegalStateException("device did not resume");
        }
        if (eventAdmin != null) {
            eventAdmin.reader(e -> dev.info()); // as the mirror does: read the device's state
        }
    }

    @TearDown
    public void tearDown() {
        if (bridge != null) {
            bridge.close();
            eventAdmin.close();
        }
    }

    @Benchmark
    public int getSyncPutOnActiveDevice() {
        return rpm.getSync(dev) + rpm.put(dev);
    }

    @Benchmark
    public int atomicIntegerIncrementDecrement() {
        return counter.incrementAndGet() + counter.decrementAndGet();
    }
}
