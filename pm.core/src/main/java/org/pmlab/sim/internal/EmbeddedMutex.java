package org.pmlab.sim.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A lock built into the object it guards, as the kernel embeds its mutexes and spinlocks in the
 * structures ({@code power.lock} and {@code power.wait_queue} in {@code struct dev_pm_info},
 * {@code device_lock} in {@code struct device}): a reentrant mutex, what ReentrantLock does, with
 * one wait queue that is only made when somebody first waits. A machine of a million devices then
 * pays four fields per device instead of a lock object, its sync object and a condition.
 */
public abstract class EmbeddedMutex extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    /** Guarded by the lock itself. */
    private transient ConditionObject waitQueue;

    @Override
    protected final boolean tryAcquire(int acquires) {
        Thread current = Thread.currentThread();
        int c = getState();
        if (c == 0) {
            if (compareAndSetState(0, acquires)) {
                setExclusiveOwnerThread(current);
                return true;
            }
        } else if (getExclusiveOwnerThread() == current) {
            setState(c + acquires);
            return true;
        }
        return false;
    }

    @Override
    protected final boolean tryRelease(int releases) {
        if (getExclusiveOwnerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException();
        }
        int c = getState() - releases;
        boolean free = c == 0;
        if (free) {
            setExclusiveOwnerThread(null);
        }
        setState(c);
        return free;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }

    protected final void mutexLock() {
        acquire(1);
    }

    protected final void mutexUnlock() {
        release(1);
    }

    protected final boolean mutexTryLock() {
        return tryAcquire(1);
    }

    /** Held by some thread ({@code ReentrantLock.isLocked}). */
    protected final boolean mutexLocked() {
        return getState() != 0;
    }

    protected final boolean mutexHeldByCurrentThread() {
        return isHeldExclusively();
    }

    /** {@code wake_up_all} on the wait queue; called with the lock held. */
    protected final void wakeUpAll() {
        ConditionObject q = waitQueue;
        if (q != null) {
            q.signalAll();
        }
    }

    /** Sleeps on the wait queue with the lock dropped until woken; called with the lock held. */
    protected final void sleepOnWaitQueue() {
        if (waitQueue == null) {
            waitQueue = new ConditionObject();
        }
        waitQueue.awaitUninterruptibly();
    }
}
