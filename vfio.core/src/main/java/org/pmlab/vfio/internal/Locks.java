package org.pmlab.vfio.internal;

import java.util.concurrent.locks.Lock;

/**
 * Blocking acquisition of the model's kernel locks. Another thread holds one only for a short
 * critical section, so waiting for it always ends. The one hold that is not bounded by a
 * critical section is a user's BAR access in flight ({@code VfioUser.holdMemoryLock}), which
 * keeps {@code memory_lock} read-held across calls until the user releases it: a writer that
 * finds one would wait for the user, who waits for the writer. That is reported as a deadlock
 * at once, decided by the count of accesses in flight, not by a wall-clock timeout.
 */
final class Locks {
    private Locks() {
    }

    /**
     * Takes a lock that is only ever held for a critical section. The lock's kernel name
     * ({@code "memory_lock"}) and its device are joined into words only if the wait goes wrong.
     */
    static void acquire(Lock lock, String lockName, CoreDevice of) {
        if (lock.tryLock()) {
            return;
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + lockName + " of " + of.name(), e);
        }
    }

    /** Takes {@code v}'s {@code memory_lock} for writing (a power change, a reset, SR-IOV enable). */
    static void writeMemoryLock(CoreDevice v) {
        Lock w = v.memoryWrite();
        if (w.tryLock()) {
            return;
        }
        if (v.accessesInFlight() > 0) {
            throw new IllegalStateException("deadlock: memory_lock of " + v.name()
                    + " stays held by a BAR access in flight (release it first)");
        }
        acquire(w, "memory_lock", v);
    }
}
