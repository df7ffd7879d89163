package org.pmlab.sysfs.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * {@code device_lock(dev); ...; device_unlock(dev)} around a store. The model's API offers only
 * {@code pci_dev_trylock}, so this waits for the lock by retrying with a growing back-off. Where
 * the kernel would block for ever, this gives up after {@link #LIMIT_S} seconds with -EBUSY, so
 * a shell is not hung by a lock that is never released.
 */
final class DeviceLock {
    private DeviceLock() {
    }

    static final long LIMIT_S = 10;

    static int locked(PciCore core, PciDevice dev, IntSupplier body) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_S);
        long pause = 1_000;
        while (!core.deviceTrylock(dev)) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return Errno.EBUSY.negative();
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
        }
        try {
            return body.getAsInt();
        } finally {
            core.deviceUnlock(dev);
        }
    }
}
