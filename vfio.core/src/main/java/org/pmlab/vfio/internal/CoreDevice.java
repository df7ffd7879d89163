package org.pmlab.vfio.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.SavedState;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.vfio.api.IrqType;

/**
 * {@code struct vfio_pci_core_device}: the fields vfio-pci keeps per bound device that matter
 * for power management (include/linux/vfio_pci_core.h). Fields are guarded as in the kernel: the open
 * count by the dev_set lock, low-power state by {@code memory_lock}.
 * <p>
 * {@code memory_lock} is embedded, as in the kernel: the device is the rw_semaphore (its write
 * side; {@link #memoryRead()} the read side), one object per bound function instead of two, since
 * every bound function takes it at each runtime suspend and resume. Use it only through
 * {@link #memoryRead()} and {@link #memoryWrite()}.
 */
final class CoreDevice extends RwSemaphore {
    private static final long serialVersionUID = 1L;
    private static final VarHandle IN_FLIGHT;
    private static final VarHandle VMA_LOCK;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(CoreDevice.class, "accessesInFlight", int.class);
            VMA_LOCK = MethodHandles.lookup().findVarHandle(CoreDevice.class, "vmaLock", Mutex.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }


    final PciDevice pdev;
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

    private static final IrqType[] IRQ_TYPES = IrqType.values();
    /** {@code irq_type}, as the ordinal of its {@link IrqType} (a byte where a reference took four). */
    private volatile byte irqType = (byte) IrqType.NONE.ordinal();
    /** {@code ctx[0].masked}: INTx is masked (by the user or by vfio). */
    volatile boolean intxMasked;
    volatile boolean pmIntxMasked;
    volatile boolean pmRuntimeEngaged;
    /** {@code pm_wake_eventfd_ctx} (6.1+): signalled by the first resume while engaged; guarded by {@code memory_lock}. */
    volatile EventFdCtx pmWakeEventfd;
    volatile boolean sriovActive;

    /** User BAR accesses in flight that read-hold {@code memory_lock} across calls ({@link Locks#writeMemoryLock}). */
    private volatile int accessesInFlight;
    /**
     * {@code vma_lock}, a mutex: the fault handler and every zap take it, hot reset with trylock;
     * it carries the {@code vma_list} it guards. Made on first use (one compare-and-set decides
     * which thread's is the lock): a bound device nobody maps or resets never takes it.
     */
    private volatile Mutex vmaLock;

    IrqType irqType() {
        return IRQ_TYPES[irqType];
    }

    void setIrqType(IrqType t) {
        irqType = (byte) t.ordinal();
    }

    Lock vmaLock() {
        return vmaMutex();
    }

    private Mutex vmaMutex() {
        Mutex l = vmaLock;
        if (l == null) {
            Mutex made = new Mutex();
            Object won = VMA_LOCK.compareAndExchange(this, (Mutex) null, made);
            l = won == null ? made : (Mutex) won;
        }
        return l;
    }

    /** {@code down_read(&memory_lock)}'s side. */
    Lock memoryRead() {
        return readLock();
    }

    /** {@code down_write(&memory_lock)}'s side. */
    Lock memoryWrite() {
        return this; // memory_lock: a reader may hold it across calls, as a BAR access in flight
    }

    int accessesInFlight() {
        return accessesInFlight;
    }

    void accessBegins() {
        IN_FLIGHT.getAndAdd(this, 1);
    }

    void accessEnds() {
        IN_FLIGHT.getAndAdd(this, -1);
    }

    CoreDevice(PciDevice pdev, boolean disableIdleD3) {
        this.pdev = pdev;
        this.disableIdleD3 = disableIdleD3;
    }

    /** The populated mappings (empty, not {@code null}, before the first). */
    Set<Vma> vmaList() {
        Mutex m = vmaLock;
        Set<Vma> l = m == null ? null : m.vmaList;
        return l == null ? Set.of() : l;
    }

    /** Adds a populated mapping; the caller holds {@code vma_lock}. */
    void addMapping(Vma vma) {
        Mutex m = vmaMutex();
        Set<Vma> l = m.vmaList;
        if (l == null) {
            l = ConcurrentHashMap.newKeySet();
            m.vmaList = l;
        }
        l.add(vma);
    }

    /** Drops a mapping; the caller holds {@code vma_lock}. */
    void removeMapping(Vma vma) {
        Mutex m = vmaLock;
        Set<Vma> l = m == null ? null : m.vmaList;
        if (l != null) {
            l.remove(vma);
        }
    }

    PmDevice pm() {
        return pdev.pm();
    }

    /**
     * {@code pci_name(vdev->pdev)}: the driver's table finds the device by it. Made from the
     * function's address when asked rather than kept: a string per bound function was about a
     * twelfth of a fleet host's heap.
     */
    String name() {
        return pdev.pm().name();
    }

    @Override
    public String toString() {
        return name();
    }

    /** A kernel mutex: exclusive, not reentrant, released by the thread that took it. */
    private static final class Mutex extends SynchronizerLock {
        private static final long serialVersionUID = 1L;

        /**
         * {@code vma_list}: the user mappings whose page tables are populated; changed under this
         * lock. Made on the first mapping: most devices are never mapped.
         */
        transient volatile Set<Vma> vmaList;

        @Override
        protected boolean tryAcquire(int ignored) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (getState() == 0) {
                throw new IllegalMonitorStateException();
            }
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getState() == 1;
        }

        @Override
        String kind() {
            return "vma_lock";
        }
    }
}
