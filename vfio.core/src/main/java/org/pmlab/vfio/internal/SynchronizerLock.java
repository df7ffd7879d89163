package org.pmlab.vfio.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A kernel lock that is its own synchronizer: the {@link Lock} methods map onto the exclusive
 * side of {@link AbstractQueuedSynchronizer}, so a subclass states only how it is taken and
 * given back. One object per lock, no wrapper. Kernel locks have no condition variables.
 */
abstract class SynchronizerLock extends AbstractQueuedSynchronizer implements Lock {
    private static final long serialVersionUID = 1L;

    @Override
    public void lock() {
        acquire(1);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquireInterruptibly(1);
    }

    @Override
    public boolean tryLock() {
        return tryAcquire(1);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return tryAcquireNanos(1, unit.toNanos(time));
    }

    @Override
    public void unlock() {
        release(1);
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException(kind() + " has no condition");
    }

    /** What the lock is, as the refusal of a condition names it ("vma_lock", "an rw_semaphore"). */
    abstract String kind();
}
