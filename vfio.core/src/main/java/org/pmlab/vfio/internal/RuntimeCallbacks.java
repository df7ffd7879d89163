package org.pmlab.vfio.internal;

import org.pmlab.pci.api.PowerState;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.vfio.api.IrqType;

/**
 * {@code vfio_pci_core_pm_ops} from 6.1 (§5.4): runtime suspend brings the device to D0 first
 * (undoing a user PMCSR D3hot, restoring {@code pm_save}) so the PCI core saves a clean state
 * and picks the real target, and masks INTx; runtime resume unmasks what suspend masked.
 * Neither ever fails.
 */
final class RuntimeCallbacks {

    private final VfioPciDriver drv;
    final DevPmOps ops;

    RuntimeCallbacks(VfioPciDriver drv) {
        this.drv = drv;
        this.ops = new DevPmOps(this::suspend, this::resume, null);
    }

    /** {@code vfio_pci_core_runtime_suspend}. */
    int suspend(PmDevice dev) {
        CoreDevice v = drv.devices.get(dev.name());
        if (v == null) {
            return 0; // not (or no longer) a vfio device: nothing of vfio's to quiesce
        }
        Locks.acquire(v.memoryLock.writeLock(), "memory_lock of " + v.name);
        try {
            drv.power.set(v, PowerState.D0);
        } finally {
            v.memoryLock.writeLock().unlock();
        }
        v.pmIntxMasked = v.irqType == IrqType.INTX && drv.intx.mask(v);
        return 0;
    }

    /** {@code vfio_pci_core_runtime_resume}: the PCI core has already restored D0 and the config. */
    int resume(PmDevice dev) {
        CoreDevice v = drv.devices.get(dev.name());
        if (v == null) {
            return 0;
        }
        // a wake-up eventfd (LOW_POWER_ENTRY_WITH_WAKEUP) would be signalled and low power
        // exited here under memory_lock; that variant is not modelled yet
        if (v.pmIntxMasked) {
            drv.intx.unmask(v);
        }
        return 0;
    }
}
