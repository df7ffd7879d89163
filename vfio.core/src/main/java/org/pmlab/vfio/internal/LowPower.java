package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * {@code vfio_pci_runtime_pm_entry}/{@code exit}, 6.1+: entry zaps the BAR mappings,
 * records the wake-up eventfd and drops the open-time reference without an idle check (the
 * ioctl wrapper's put then lets the device suspend); exit takes the reference back and gives
 * the eventfd context up. Both under {@code memory_lock}.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class LowPower {

    private final VfioPciDriver drv;

    LowPower(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_runtime_pm_entry}; {@code ctx} may be null. -EINVAL when already engaged. */
    @Kernel("vfio_pci_runtime_pm_entry")
    int entry(CoreDevice v, EventFdCtx ctx) {
        drv.maps.zapAndDownWrite(v);
        try {
            if (v.pmRuntimeEngaged) {
                return Errno.EINVAL.negative();
            }
            v.pmRuntimeEngaged = true;
            v.pmWakeEventfd = ctx;
            drv.rpm.putNoidle(v.pm());
            drv.trace(v, "low power entry" + (ctx == null ? "" : " with wake-up eventfd"));
            return 0;
        } finally {
            v.memoryWrite().unlock();
        }
    }

    /** {@code vfio_pci_runtime_pm_exit}: a no-op unless engaged. */
    @Kernel("vfio_pci_runtime_pm_exit")
    void exit(CoreDevice v) {
        Locks.writeMemoryLock(v);
        try {
            exitLocked(v);
        } finally {
            v.memoryWrite().unlock();
        }
    }

    /** {@code __vfio_pci_runtime_pm_exit}: the caller holds {@code memory_lock} for writing. */
    @Kernel("__vfio_pci_runtime_pm_exit")
    void exitLocked(CoreDevice v) {
        if (!v.pmRuntimeEngaged) {
            return;
        }
        v.pmRuntimeEngaged = false;
        drv.rpm.getNoresume(v.pm());
        EventFdCtx ctx = v.pmWakeEventfd;
        if (ctx != null) {
            v.pmWakeEventfd = null;
            ctx.put();
        }
        drv.trace(v, "low power exit");
    }
}
