package org.pmlab.sim.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.pmlab.sim.api.PendingWork;
import org.pmlab.sim.api.SettleLimitException;
import org.pmlab.sim.api.SimClock;
import org.pmlab.sim.api.WorkProgress;

/**
 * Virtual time and the machine's deferred work: pm_wq work items and hrtimers. Items run in
 * (due time, submission order), so a scenario gives the same result every run. Cancelled
 * items stay in the queue and are skipped, which keeps cancellation O(1) for large machines.
 *
 * <p>Work queued for the current time (every pm_wq work item) goes to a FIFO; only timers due
 * later go to a priority queue. Both are ordered by (due time, submission order), because time
 * never goes back, so taking the smaller head of the two keeps the one order while a settle of
 * a million devices never sifts a heap of a million items.
 */
public final class VirtualClock implements SimClock {

    /** Work items one settle may run per device of the machine, beyond {@link #SETTLE_LIMIT}. */
    public static final int SETTLE_ITEMS_PER_DEVICE = 16;

    private final AtomicLong now = new AtomicLong();
    private final Object lock = new Object();
    private final ArrayDeque<ScheduledWork> dueNow = new ArrayDeque<>();
    private final PriorityQueue<ScheduledWork> later = new PriorityQueue<>();
    private final IntSupplier devices;
    private long sequence;
    private int live;

    /** A clock whose settle limit does not grow with a machine. */
    public VirtualClock() {
        this(() -> 0);
    }

    /** @param devices how many devices the machine has now, which sizes {@link #settleLimit()} */
    public VirtualClock(IntSupplier devices) {
        this.devices = devices;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /**
     * Queues work to run at {@code dueNs} (now, for a work item; the expiry, for a timer). It
     * runs {@code action.accept(subject)}; pending work reads "{@code what} {@code subject}".
     */
    public <T> ScheduledWork schedule(long dueNs, String what, T subject, Consumer<? super T> action) {
        @SuppressWarnings("unchecked")
        Consumer<Object> run = (Consumer<Object>) action;
        synchronized (lock) {
            long t = now.get();
            ScheduledWork w = new ScheduledWork(Math.max(dueNs, t), sequence++, what, subject, run);
            if (w.dueNs == t) {
                dueNow.add(w);
            } else {
                later.add(w);
            }
            live++;
            return w;
        }
    }

    /** Queues work described by a whole sentence. */
    public ScheduledWork schedule(long dueNs, String description, Runnable action) {
        return schedule(dueNs, description, null, ignored -> action.run());
    }

    /** Cancels queued work; a no-op when it already ran or was cancelled. */
    public void cancel(ScheduledWork w) {
        if (w == null) {
            return;
        }
        synchronized (lock) {
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
        int limit = settleLimit();
        int ran = 0;
        ScheduledWork w;
        while ((w = takeDue(target)) != null) {
            run(w);
            if (++ran >= limit) {
                throw livelock(ran);
            }
        }
        now.accumulateAndGet(target, Math::max);
    }

    @Override
    public int settle() {
        return settle(null);
    }

    @Override
    public int settle(WorkProgress progress) {
        int limit = settleLimit();
        int ran = 0;
        ScheduledWork w;
        while ((w = takeDue(Long.MAX_VALUE)) != null) {
            run(w);
            if (++ran >= limit && hasPending()) {
                throw livelock(ran);
            }
            if (progress != null && ran % WorkProgress.EVERY == 0) {
                progress.progress(ran, ran + queued()); // may throw: the rest stays queued
            }
        }
        return ran;
    }

    private int queued() {
        synchronized (lock) {
            return live;
        }
    }

    /** {@value #SETTLE_LIMIT} work items, or {@value #SETTLE_ITEMS_PER_DEVICE} per device on a larger machine. */
    @Override
    public int settleLimit() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(SETTLE_LIMIT, (long) SETTLE_ITEMS_PER_DEVICE * devices.getAsInt()));
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
        synchronized (lock) {
            copy = new ArrayList<>(dueNow.size() + later.size());
            copy.addAll(dueNow);
            copy.addAll(later);
        }
        copy.removeIf(w -> w.done);
        copy.sort(null);
        List<PendingWork> out = new ArrayList<>(copy.size());
        for (ScheduledWork w : copy) {
            out.add(new PendingWork(w.dueNs, w.description()));
        }
        return out;
    }

    public boolean hasPending() {
        synchronized (lock) {
            return live > 0;
        }
    }

    private ScheduledWork takeDue(long limitNs) {
        synchronized (lock) {
            ScheduledWork first = liveHead(dueNow);
            ScheduledWork timer = liveHead(later);
            ScheduledWork next = first == null || timer != null && timer.compareTo(first) < 0 ? timer : first;
            if (next == null || next.dueNs > limitNs) {
                return null;
            }
            if (next == first) {
                dueNow.poll();
            } else {
                later.poll();
            }
            next.done = true;
            live--;
            return next;
        }
    }

    /** The first item not cancelled, dropping cancelled ones on the way. */
    private static ScheduledWork liveHead(java.util.Queue<ScheduledWork> queue) {
        ScheduledWork head;
        while ((head = queue.peek()) != null && head.done) {
            queue.poll();
        }
        return head;
    }

    private void run(ScheduledWork w) {
        now.accumulateAndGet(w.dueNs, Math::max);
        w.action.accept(w.subject);
    }

    private SettleLimitException livelock(int ran) {
        List<PendingWork> next = pending();
        return new SettleLimitException("settle did not converge after " + ran + " work items (the settle limit of a "
                + "machine of " + devices.getAsInt() + " devices); next: " + next.subList(0, Math.min(3, next.size())));
    }

    /** A queued work item or armed timer. */
    public static final class ScheduledWork implements Comparable<ScheduledWork> {
        final long dueNs;
        final long seq;
        final String what;
        final Object subject;
        final Consumer<Object> action;
        boolean done; // guarded by the clock's lock

        ScheduledWork(long dueNs, long seq, String what, Object subject, Consumer<Object> action) {
            this.dueNs = dueNs;
            this.seq = seq;
            this.what = what;
            this.subject = subject;
            this.action = action;
        }

        public long dueNs() {
            return dueNs;
        }

        String description() {
            return subject == null ? what : what + " " + subject;
        }

        @Override
        public int compareTo(ScheduledWork o) {
            int c = Long.compare(dueNs, o.dueNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
