package org.pmlab.sim.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.sim.api.PendingWork;
import org.pmlab.sim.api.SettleLimitException;
import org.pmlab.sim.api.SimClock;

/**
 * Virtual time and the machine's deferred work: pm_wq work items and hrtimers. Items run in
 * (due time, submission order), so a scenario gives the same result every run. Cancelled
 * items stay in the queue and are skipped, which keeps cancellation O(1) for large machines.
 */
public final class VirtualClock implements SimClock {

    private final AtomicLong now = new AtomicLong();
    private final PriorityQueue<ScheduledWork> queue = new PriorityQueue<>();
    private long sequence;
    private int live;

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Queues work to run at {@code dueNs} (now, for a work item; the expiry, for a timer). */
    public ScheduledWork schedule(long dueNs, String description, Runnable action) {
        synchronized (queue) {
            ScheduledWork w = new ScheduledWork(Math.max(dueNs, now.get()), sequence++, description, action);
            queue.add(w);
            live++;
            return w;
        }
    }

    /** Cancels queued work; a no-op when it already ran or was cancelled. */
    public void cancel(ScheduledWork w) {
        if (w == null) {
            return;
        }
        synchronized (queue) {
            if (!w.done) {
                w.done = true;
                live--;
            }
        }
    }

    @Override
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("cannot advance time by a negative duration: " + d);
        }
        long target = now.get() + d.toNanos();
        int ran = 0;
        ScheduledWork w;
        while ((w = takeDue(target)) != null) {
            run(w);
            if (++ran >= SETTLE_LIMIT) {
                throw livelock(ran);
            }
        }
        now.accumulateAndGet(target, Math::max);
    }

    @Override
    public int settle() {
        int ran = 0;
        ScheduledWork w;
        while ((w = takeDue(Long.MAX_VALUE)) != null) {
            run(w);
            if (++ran >= SETTLE_LIMIT && hasPending()) {
                throw livelock(ran);
            }
        }
        return ran;
    }

    @Override
    public void sleep(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + d);
        }
        now.addAndGet(d.toNanos());
    }

    @Override
    public List<PendingWork> pending() {
        List<ScheduledWork> copy;
        synchronized (queue) {
            copy = new ArrayList<>(queue);
        }
        copy.removeIf(w -> w.done);
        copy.sort(null);
        List<PendingWork> out = new ArrayList<>(copy.size());
        for (ScheduledWork w : copy) {
            out.add(new PendingWork(w.dueNs, w.description));
        }
        return out;
    }

    public boolean hasPending() {
        synchronized (queue) {
            return live > 0;
        }
    }

    private ScheduledWork takeDue(long limitNs) {
        synchronized (queue) {
            while (!queue.isEmpty()) {
                ScheduledWork head = queue.peek();
                if (head.done) {
                    queue.poll();
                    continue;
                }
                if (head.dueNs > limitNs) {
                    return null;
                }
                queue.poll();
                head.done = true;
                live--;
                return head;
            }
            return null;
        }
    }

    private void run(ScheduledWork w) {
        now.accumulateAndGet(w.dueNs, Math::max);
        w.action.run();
    }

    private SettleLimitException livelock(int ran) {
        List<PendingWork> next = pending();
        return new SettleLimitException("settle did not converge after " + ran + " work items; next: "
                + next.subList(0, Math.min(3, next.size())));
    }

    /** A queued work item or armed timer. */
    public static final class ScheduledWork implements Comparable<ScheduledWork> {
        final long dueNs;
        final long seq;
        final String description;
        final Runnable action;
        boolean done; // guarded by the queue's monitor

        ScheduledWork(long dueNs, long seq, String description, Runnable action) {
            this.dueNs = dueNs;
            this.seq = seq;
            this.description = description;
            this.action = action;
        }

        public long dueNs() {
            return dueNs;
        }

        @Override
        public int compareTo(ScheduledWork o) {
            int c = Long.compare(dueNs, o.dueNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
