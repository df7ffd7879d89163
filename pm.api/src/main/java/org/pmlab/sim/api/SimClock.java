package org.pmlab.sim.api;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Simulated time and the deferred work that runs on it (the kernel's pm_wq work items and
 * suspend timers). Virtual time only moves when told to, so a scenario is deterministic.
 */
@ProviderType
public interface SimClock {

    /** Least bound on the number of work items one {@link #settle()} may run; see {@link #settleLimit()}. */
    int SETTLE_LIMIT = 1_000_000;

    /** Virtual nanoseconds since the machine booted ({@code ktime_get_mono_fast_ns}). */
    long nanoTime();

    default Duration now() {
        return Duration.ofNanos(nanoTime());
    }

    /**
     * Moves time forward by {@code d}, running every work item and timer that falls due on the
     * way, in time order, each at its due time.
     */
    void advance(Duration d);

    /**
     * Runs due work and timers in time order until nothing is pending, moving time to each
     * one's due time. Returns the number of items run.
     *
     * @throws SettleLimitException when {@link #settleLimit()} items ran and work remains
     */
    int settle();

    /**
     * {@link #settle()}, telling {@code progress} every {@link WorkProgress#EVERY} items how many
     * ran and how many are known. If it throws, the settle stops there and the rest stays queued.
     */
    default int settle(WorkProgress progress) {
        return settle();
    }

    /**
     * How many work items one {@link #settle()} (or {@link #advance}) may run before it reports a
     * livelock: at least {@link #SETTLE_LIMIT}, more on a machine large enough to need them.
     */
    default int settleLimit() {
        return SETTLE_LIMIT;
    }

    /** A delay inside a transition ({@code msleep}, {@code udelay}): time passes for the caller. */
    void sleep(Duration d);

    /** What is queued or armed, in the order it would run. */
    List<PendingWork> pending();
}
