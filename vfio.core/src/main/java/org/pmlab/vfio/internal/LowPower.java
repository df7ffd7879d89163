package org.pmlab.vfio.internal;

import org.pmlab.pm.api.Errno;

/**
 * {@code vfio_pci_runtime_pm_entry}/{@code exit} (§5.3), 6.1+: entry drops the open-time
 * reference without an idle check (the ioctl wrapper's put then lets the device suspend), exit
 * takes it back. Both under {@code memory_lock}. The WITH_WAKEUP variant is not modelled.
 */
final class LowPower {

    private final VfioPciDriver drv;

    LowPower(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_runtime_pm_entry} with no eventfd. */
    int entry(CoreDevice v) {
        Locks.acquire(v.memoryLock.writeLock(), "memory_lock of " + v.name);
        try {
            // BAR mappings would be zapped here; the model has none
            if (v.pmRuntimeEngaged) {
                return Errno.EINVAL.negative();
            }
            v.pmRuntimeEngaged = true;
            drv.rpm.putNoidle(v.pm());
            return 0;
        } finally {
            v.memoryLock.writeLock().unlock();
        }
    }

    /** {@code vfio_pci_runtime_pm_exit}: a no-op unless engaged. */
    void exit(CoreDevice v) {
        Locks.acquire(v.memoryLock.writeLock(), "memory_lock of " + v.name);
        try {
            if (v.pmRuntimeEngaged) {
                v.pmRuntimeEngaged = false;
                drv.rpm.getNoresume(v.pm());
            }
        } finally {
            v.memoryLock.writeLock().unlock();
        }
    }
}
