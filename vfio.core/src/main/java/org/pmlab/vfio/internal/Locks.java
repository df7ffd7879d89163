package org.pmlab.vfio.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * Blocking acquisition of the model's kernel locks. Another thread may hold one briefly; a hold
 * that does not end within the bound is a deadlock of the model (a held BAR access and a power
 * change of the same device on one thread), reported instead of hanging the caller.
 */
final class Locks {
    private Locks() {
    }

    private static final long BOUND_MS = 2_000;

    /** @param what the lock's kernel name ("memory_lock"), @param of the device it belongs to: named only if it goes wrong */
    static void acquire(Lock lock, String lockName, Object of) {
        if (lock.tryLock()) {
            return;
        }
        try {
            if (lock.tryLock(BOUND_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + lockName + " of " + of, e);
        }
        throw new IllegalStateException("deadlock: " + lockName + " of " + of + " stays held (a memory_lock hold in flight?)");
    }
}
