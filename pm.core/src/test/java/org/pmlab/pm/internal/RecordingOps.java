package org.pmlab.pm.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RpmCallback;

/**
 * Test callbacks that record every call as "device:kind" and return a settable result. An
 * optional hook runs inside the callback (with power.lock dropped, as in the kernel) before it
 * returns, to call back into the core from a callback.
 */
final class RecordingOps {
    final List<String> calls;
    final AtomicInteger suspendResult = new AtomicInteger();
    final AtomicInteger resumeResult = new AtomicInteger();
    final AtomicInteger idleResult = new AtomicInteger();
    volatile RpmCallback onSuspend;
    volatile RpmCallback onResume;
    volatile RpmCallback onIdle;

    RecordingOps() {
        this(new CopyOnWriteArrayList<>());
    }

    /** Shares one call list between several devices, to see the order across them. */
    RecordingOps(List<String> sharedCalls) {
        this.calls = sharedCalls;
    }

    /** suspend, resume and idle callbacks. */
    DevPmOps ops() {
        return new DevPmOps(this::suspend, this::resume, this::idle);
    }

    /** suspend and resume only: a missing idle callback goes straight to suspend (rpm_idle). */
    DevPmOps opsWithoutIdle() {
        return new DevPmOps(this::suspend, this::resume, null);
    }

    long count(String dev, String kind) {
        return calls.stream().filter((dev + ":" + kind)::equals).count();
    }

    private int suspend(PmDevice dev) {
        calls.add(dev.name() + ":suspend");
        RpmCallback h = onSuspend;
        if (h != null) {
            h.call(dev);
        }
        return suspendResult.get();
    }

    private int resume(PmDevice dev) {
        calls.add(dev.name() + ":resume");
        RpmCallback h = onResume;
        if (h != null) {
            h.call(dev);
        }
        return resumeResult.get();
    }

    private int idle(PmDevice dev) {
        calls.add(dev.name() + ":idle");
        RpmCallback h = onIdle;
        if (h != null) {
            h.call(dev);
        }
        return idleResult.get();
    }
}
