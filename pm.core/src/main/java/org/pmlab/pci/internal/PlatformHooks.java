package org.pmlab.pci.internal;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;

/**
 * The {@code platform_pci_*} wrappers of drivers/pci/pci.c: the bound firmware's hooks, or the
 * PCI defaults when none is bound. A firmware swap takes the write side of the lock, so no hook
 * runs while one firmware is detached and the next attached. A D-state change makes several
 * hook calls in a row (native D3hot, platform D3cold, the state read back); it runs as one
 * {@link #sequence}, so a swap lands before or after it, never between two of its calls.
 */
public final class PlatformHooks {

    private final ReadWriteLock swapLock = new ReentrantReadWriteLock();
    private volatile PlatformPm ops;
    private volatile String name = "native";

    public PlatformPm ops() {
        return ops;
    }

    /** Replaces the hooks; the caller holds {@link #swapLock()}'s write side. */
    public void install(PlatformPm next, String firmwareName) {
        this.ops = next;
        this.name = next == null ? "native" : firmwareName;
    }

    /** The bound firmware's name, or "native". */
    String name() {
        return name;
    }

    public ReadWriteLock swapLock() {
        return swapLock;
    }

    /** Runs hook calls that must all reach the same firmware; swaps wait until it returns (the read side is reentrant). */
    <T> T sequence(java.util.function.Supplier<T> calls) {
        swapLock.readLock().lock();
        try {
            return calls.get();
        } finally {
            swapLock.readLock().unlock();
        }
    }

    int sequenceInt(java.util.function.IntSupplier calls) {
        swapLock.readLock().lock();
        try {
            return calls.getAsInt();
        } finally {
            swapLock.readLock().unlock();
        }
    }

    /** Runs a hook of the bound firmware, or gives the PCI default when none is bound, with swaps held off. */
    private <T> T call(java.util.function.Function<PlatformPm, T> hook, T nativeDefault) {
        swapLock.readLock().lock();
        try {
            PlatformPm p = ops;
            return p == null ? nativeDefault : hook.apply(p);
        } finally {
            swapLock.readLock().unlock();
        }
    }

    boolean powerManageable(PciDev dev) {
        return call(p -> p.powerManageable(dev), false);
    }

    int setState(PciDev dev, PowerState state) {
        return call(p -> p.setState(dev, state), Errno.ENOSYS.negative());
    }

    PowerState getState(PciDev dev) {
        return call(p -> p.getState(dev), PowerState.UNKNOWN);
    }

    /** Without firmware nothing cuts power, so nothing withholds it. */
    boolean supplies(PciDev dev) {
        return call(p -> p.supplies(dev), true);
    }

    PowerState chooseState(PciDev dev) {
        return call(p -> p.chooseState(dev), PowerState.ERROR);
    }

    void refreshState(PciDev dev) {
        call(p -> {
            p.refreshState(dev);
            return null;
        }, null);
    }

    int setWakeup(PciDev dev, boolean enable) {
        return call(p -> p.setWakeup(dev, enable), Errno.ENODEV.negative());
    }

    boolean bridgeD3(PciDev dev) {
        return call(p -> p.bridgeD3(dev), false);
    }

    // ---- what pci:why asks of the platform ----

    String manageableReason(PciDev dev) {
        return call(p -> p.manageableReason(dev), "no platform firmware");
    }

    java.util.List<org.pmlab.pci.api.WhyLine> chooseStateReasons(PciDev dev) {
        return call(p -> p.chooseStateReasons(dev), java.util.List.of());
    }

    org.pmlab.pci.api.WhyLine bridgeD3Reason(PciDev dev) {
        return call(p -> p.bridgeD3Reason(dev), null);
    }

    java.util.List<org.pmlab.firmware.api.PowerResourceView> resourcesOf(PciDev dev) {
        return call(p -> p.resourcesOf(dev), java.util.List.of());
    }
}
