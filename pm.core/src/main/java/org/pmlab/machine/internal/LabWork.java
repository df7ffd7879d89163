package org.pmlab.machine.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.pmlab.machine.api.LabProgress;

/**
 * The lab's one thread and its published state. Every change to the live machine (boot, a
 * driver module loaded or unloaded, a firmware swap) runs here, one at a time in the order it
 * was asked for, so no interleaving of DS callbacks can load a driver into a machine that is
 * being replaced, and no boot runs inside a DS callback (which holds SCR's locks).
 * <p>
 * The state is one immutable {@link LabState} behind one lock; only this thread replaces it.
 * Waiting here is for the lab's work to finish, never a time inside the model.
 */
final class LabWork {

    private final Object lock = new Object();
    private final ExecutorService thread;
    private volatile Thread worker;
    private LabState state = LabState.EMPTY; // guarded by lock
    private int pending; // guarded by lock: asked for and not finished
    private long failures; // guarded by lock
    private String lastFailure; // guarded by lock
    private boolean closed; // guarded by lock
    /** How far the task under way is; null when it says nothing. Written by the lab's thread only. */
    private volatile LabProgress progress;

    LabWork() {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pmlab-lab");
            t.setDaemon(true);
            worker = t;
            return t;
        });
    }

    LabState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Replaces the state; only from a task running on the lab's thread. */
    void publish(UnaryOperator<LabState> change) {
        synchronized (lock) {
            state = change.apply(state);
            lock.notifyAll();
        }
    }

    /**
     * Queues a task for the lab's thread. A task that throws counts as a failure that
     * {@link #await} reports with the exception's message.
     */
    Future<?> submit(Runnable task) {
        synchronized (lock) {
            if (closed) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            pending++;
        }
        return thread.submit(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failures++;
                    lastFailure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            } finally {
                progress = null;
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        });
    }

    /**
     * Queues a task and waits for it and everything queued before it (an unbind callback: the
     * module going away must be unloaded before its bundle stops).
     */
    void submitAndWait(Runnable task) {
        Future<?> f = submit(task);
        if (onLabThread()) {
            return; // queued behind the running task; waiting here would never end
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // the task records its own failure
        }
    }

    /** Where the task under way (a boot) reports how far it is, for {@link #progress()}. */
    BootProgress reporter() {
        return what -> {
            progress = new LabProgress(what, 0, 0);
            return (done, total) -> progress = new LabProgress(what, done, total);
        };
    }

    /** @return how far the task under way is; empty when idle or when it says nothing */
    Optional<LabProgress> progress() {
        return Optional.ofNullable(progress);
    }

    boolean onLabThread() {
        return Thread.currentThread() == worker;
    }

    /** The number of failed tasks so far: a mark for {@link #await}. */
    long failures() {
        synchronized (lock) {
            return failures;
        }
    }

    /**
     * Waits until no work is pending and the state satisfies the condition, or the timeout
     * passes ({@code null}: no bound).
     *
     * @param failureMark failures after this mark are thrown as {@link IllegalStateException}
     * @return whether the condition held
     */
    boolean await(Predicate<LabState> condition, long failureMark, Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        boolean self = onLabThread();
        synchronized (lock) {
            while (true) {
                if (failures > failureMark) {
                    throw new IllegalStateException(lastFailure);
                }
                if ((pending == 0 || self) && condition.test(state)) {
                    return true;
                }
                if (closed || self) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the lab");
                }
            }
        }
    }

    /** Stops the thread; a task under way is interrupted, queued ones are dropped. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.shutdownNow();
    }
}
