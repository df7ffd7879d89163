package org.pmlab.vfio.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.SavedState;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.vfio.api.IrqType;

/**
 * {@code struct vfio_pci_core_device}: the fields vfio-pci keeps per bound device that matter
 * for power management (include/linux/vfio_pci_core.h). Fields are guarded as in the kernel: the open
 * count by the dev_set lock, low-power state by {@code memory_lock}.
 */
final class CoreDevice {

    final PciDevice pdev;
    final String name;
    /** The module parameter as it was when the device was bound (6.1.192's per-device copy). */
    final boolean disableIdleD3;

    /** Between a successful {@code vfio_register_group_dev} and unregister: users can open it. */
    volatile boolean registered;
    volatile DeviceSet devSet;
    /** Guarded by {@code devSet.lock}. */
    int openCount;

    volatile boolean needsPmRestore;
    volatile SavedState pmSave;
    volatile SavedState pciSavedState;
    volatile boolean resetWorks;
    volatile boolean needsReset;

    volatile IrqType irqType = IrqType.NONE;
    /** {@code ctx[0].masked}: INTx is masked (by the user or by vfio). */
    volatile boolean intxMasked;
    volatile boolean pmIntxMasked;
    volatile boolean pmRuntimeEngaged;
    /** {@code pm_wake_eventfd_ctx} (6.1+): signalled by the first resume while engaged; guarded by {@code memory_lock}. */
    volatile EventFdCtx pmWakeEventfd;
    volatile boolean sriovActive;

    /**
     * {@code memory_lock}, an rw_semaphore: not reentrant and not owned by a thread, which a
     * StampedLock's views match (a reader may hold it across calls, as a BAR access in flight).
     */
    final StampedLock memory = new StampedLock();
    final ReadWriteLock memoryLock = memory.asReadWriteLock();
    /** {@code vma_lock}, a mutex: the fault handler and every zap take it, hot reset with trylock. */
    final Lock vmaLock = new StampedLock().asWriteLock();
    /** {@code vma_list}: the user mappings whose page tables are populated; changed under {@code vma_lock}. */
    final Set<Vma> vmaList = ConcurrentHashMap.newKeySet();

    CoreDevice(PciDevice pdev, boolean disableIdleD3) {
        this.pdev = pdev;
        this.name = pdev.bdf().toString();
        this.disableIdleD3 = disableIdleD3;
    }

    PmDevice pm() {
        return pdev.pm();
    }

    @Override
    public String toString() {
        return name;
    }
}
