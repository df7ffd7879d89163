package org.pmlab.pci.internal;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.pci.api.PowerState;
import org.pmlab.pm.api.Errno;

/**
 * The {@code platform_pci_*} wrappers of drivers/pci/pci.c: the bound firmware's hooks, or the
 * PCI defaults when none is bound. A firmware swap takes the write side of the lock, so no hook
 * runs while one firmware is detached and the next attached.
 */
public final class PlatformHooks {

    private final ReadWriteLock swapLock = new ReentrantReadWriteLock();
    private volatile PlatformPm ops;

    public PlatformPm ops() {
        return ops;
    }

    /** Replaces the hooks; the caller holds {@link #swapLock()}'s write side. */
    public void install(PlatformPm next) {
        this.ops = next;
    }

    public ReadWriteLock swapLock() {
        return swapLock;
    }

    boolean powerManageable(PciDev dev) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p != null && p.powerManageable(dev);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    int setState(PciDev dev, PowerState state) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p == null ? Errno.ENOSYS.negative() : p.setState(dev, state);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    PowerState getState(PciDev dev) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p == null ? PowerState.UNKNOWN : p.getState(dev);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    PowerState chooseState(PciDev dev) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p == null ? PowerState.ERROR : p.chooseState(dev);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    void refreshState(PciDev dev) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            if (p != null) {
                p.refreshState(dev);
            }
        } finally {
            swapLock.readLock().unlock();
        }
    }

    int setWakeup(PciDev dev, boolean enable) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p == null ? Errno.ENODEV.negative() : p.setWakeup(dev, enable);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    boolean bridgeD3(PciDev dev) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p != null && p.bridgeD3(dev);
        } finally {
            swapLock.readLock().unlock();
        }
    }
}
