package org.pmlab.pm.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.LogLine;
import org.pmlab.sim.internal.ChangeNotice;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sim.internal.FaultRegistry;
import org.pmlab.sim.internal.RingLog;
import org.pmlab.sim.internal.TraceBuffer;
import org.pmlab.sim.internal.VirtualClock;

/**
 * A bare runtime PM core without OSGi: a clock, a log, a trace and a device registry, like one
 * machine's drivers/base/power with no bus on top. Devices added here have no callbacks
 * unless given some, as the kernel's KUnit test device.
 */
final class RpmFixture {
    final VirtualClock clock = new VirtualClock();
    final RingLog log = new RingLog(clock::nanoTime);
    final List<String> events = new CopyOnWriteArrayList<>();
    final TraceBuffer trace;
    FaultRegistry faults;
    final RpmContext ctx;
    final RuntimePmService rpm = new RuntimePmService();
    final DeviceRegistry devices;

    RpmFixture() {
        this(KernelVersion.NEWEST);
    }

    RpmFixture(KernelVersion kernel) {
        EventSink sink = new EventSink() {
            @Override
            public boolean traceWatched() {
                return false;
            }

            @Override
            public boolean stateWatched() {
                return false;
            }

            @Override
            public boolean watchable() {
                return false; // nobody ever watches the state here
            }

            @Override
            public void post(String topic, Map<String, Object> properties) {
                events.add(topic);
            }

            @Override
            public void postCoalesced(ChangeNotice notice) {
                events.add(notice.topic());
            }
        };
        trace = new TraceBuffer(clock::nanoTime, sink, 1);
        faults = new FaultRegistry(trace);
        ctx = new RpmContext(1, clock, kernel, trace, log, sink, faults);
        devices = new DeviceRegistry(ctx, rpm);
    }

    /** A device with no callbacks at all (kunit_device_register). */
    RpmDevice device(String name) {
        return devices.add(name, null, null);
    }

    RpmDevice device(String name, RpmDevice parent) {
        return devices.add(name, parent, null);
    }

    RpmDevice device(String name, RpmDevice parent, DevPmOps ops) {
        return devices.add(name, parent, ops);
    }

    PmInfo info(RpmDevice d) {
        return d.info();
    }

    int settle() {
        return clock.settle();
    }

    void advanceMs(long ms) {
        clock.advance(Duration.ofMillis(ms));
    }

    List<String> logText() {
        return log.lines().stream().map(LogLine::text).toList();
    }

    /** What the kernel's KUnit error test does: a direct write to {@code dev->power.runtime_error}. */
    static void setRuntimeError(RpmDevice d, int error) {
        d.lock();
        try {
            d.runtimeError = error;
        } finally {
            d.unlock();
        }
    }
}
