package org.pmlab.vfio.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A kernel {@code struct rw_semaphore}: shared by readers, exclusive for one writer, not reentrant
 * and owned by no thread (a reader may hold it across calls, as a BAR access in flight does, and
 * release it from another thread). The object is its own write lock; the read side is a view made
 * on first use, as most devices are never read-locked. One object of four fields where a
 * StampedLock and its write view were two objects of three times the size. A structure that
 * embeds one, as {@code struct vfio_pci_core_device} embeds {@code memory_lock}, extends it.
 */
class RwSemaphore extends SynchronizerLock {
    private static final long serialVersionUID = 1L;
    private static final int WRITER = -1;

    private transient volatile Lock read;

    /** {@code down_read}/{@code up_read}'s side. */
    Lock readLock() {
        Lock r = read;
        if (r == null) {
            synchronized (this) {
                r = read;
                if (r == null) {
                    r = read = new ReadView();
                }
            }
        }
        return r;
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        return compareAndSetState(0, WRITER);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        if (getState() != WRITER) {
            throw new IllegalMonitorStateException("up_write of an rw_semaphore not write-held");
        }
        setState(0);
        return true;
    }

    @Override
    protected int tryAcquireShared(int ignored) {
        for (;;) {
            int c = getState();
            if (c == WRITER) {
                return -1;
            }
            if (compareAndSetState(c, c + 1)) {
                return 1;
            }
        }
    }

    @Override
    protected boolean tryReleaseShared(int ignored) {
        for (;;) {
            int c = getState();
            if (c <= 0) {
                throw new IllegalMonitorStateException("up_read of an rw_semaphore not read-held");
            }
            if (compareAndSetState(c, c - 1)) {
                return c == 1;
            }
        }
    }

    @Override
    String kind() {
        return "an rw_semaphore";
    }

    private final class ReadView implements Lock {
        @Override
        public void lock() {
            acquireShared(1);
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            acquireSharedInterruptibly(1);
        }

        @Override
        public boolean tryLock() {
            return tryAcquireShared(1) >= 0;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return tryAcquireSharedNanos(1, unit.toNanos(time));
        }

        @Override
        public void unlock() {
            releaseShared(1);
        }

        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("an rw_semaphore has no condition");
        }
    }
}
