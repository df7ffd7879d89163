package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.internal.ChangeNotice;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sim.internal.FaultRegistry;
import org.pmlab.sim.internal.RingLog;
import org.pmlab.sim.internal.TraceBuffer;
import org.pmlab.sim.internal.VirtualClock;

/**
 * Every change of what the mirror shows queues the device's coalesced notice, the lock-free get
 * on an active device too (its usage count is {@code runtime_usage}); while one is queued further
 * changes add nothing, and once its delivery began the next change queues it again.
 */
class ChangeNoticeTest {

    /** A watched sink that holds queued notices until the test delivers them. */
    private final List<ChangeNotice> queued = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public boolean traceWatched() {
            return false;
        }

        @Override
        public boolean stateWatched() {
            return true;
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
        }

        @Override
        public void postCoalesced(ChangeNotice notice) {
            if (notice.tryQueue()) {
                queued.add(notice);
            }
        }
    };
    private final VirtualClock clock = new VirtualClock();
    private final TraceBuffer trace = new TraceBuffer(clock::nanoTime, sink, 1);
    private final RpmContext ctx = new RpmContext(1, clock, KernelVersion.NEWEST, trace, new RingLog(clock::nanoTime), sink,
            new FaultRegistry(trace));
    private final RuntimePmService rpm = new RuntimePmService();
    private final DeviceRegistry devices = new DeviceRegistry(ctx, rpm);

    private int deliver() {
        int n = queued.size();
        queued.forEach(ChangeNotice::dequeue);
        queued.clear();
        return n;
    }

    @Test
    void aGetOnAnActiveDeviceQueuesANoticeForItsCount() {
        RpmDevice dev = devices.add("dev", null, null);
        rpm.enable(dev);
        assertThat(rpm.getSync(dev)).isEqualTo(0);
        assertThat(dev.status).isEqualTo(RuntimeStatus.ACTIVE);
        deliver();

        assertThat(rpm.getSync(dev)).as("the lock-free path: already active").isEqualTo(1);

        assertThat(dev.info().usageCount()).isEqualTo(2);
        assertThat(deliver()).as("notices for the count going 1 -> 2").isEqualTo(1);
    }

    @Test
    void changesWhileQueuedAddNothingAndAChangeAfterDeliveryQueuesAgain() {
        RpmDevice dev = devices.add("dev", null, null);
        rpm.enable(dev);
        rpm.getSync(dev);
        deliver();

        for (int i = 0; i < 1000; i++) {
            rpm.getSync(dev);
            rpm.put(dev);
        }
        assertThat(deliver()).as("one notice for the whole burst").isEqualTo(1);
        rpm.getNoresume(dev);
        assertThat(deliver()).as("the next change after the delivery").isEqualTo(1);
        assertThat(deliver()).isZero();
    }

    @Test
    void aMachineWhoseEventsGoNowhereNeverQueues() {
        RpmContext none = new RpmContext(2, clock, KernelVersion.NEWEST, new TraceBuffer(clock::nanoTime, EventSink.NONE, 2),
                new RingLog(clock::nanoTime), EventSink.NONE, new FaultRegistry(trace));
        RpmDevice dev = new DeviceRegistry(none, rpm).add("dev", null, null);
        rpm.enable(dev);
        rpm.getSync(dev);

        assertThat(dev.changeCovered).isTrue();
        assertThat(queued).isEmpty();
    }
}
