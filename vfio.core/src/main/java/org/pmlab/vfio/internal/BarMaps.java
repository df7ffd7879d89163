package org.pmlab.vfio.internal;

import java.util.Set;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.MmapAccess;
import org.pmlab.vfio.api.VfioRegion;

/**
 * User mappings of BARs: {@code vfio_pci_core_mmap}, the fault handler that populates a mapping
 * or refuses it, and the zap that empties every populated mapping of a device before vfio lowers
 * its power or resets it. Nothing here resumes the device: an access through a mapping
 * is the CPU's, not a system call's.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class BarMaps {

    private final VfioPciDriver drv;

    BarMaps(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_core_mmap}: BARs only, and only implemented ones; 0 or -EINVAL. */
    @Kernel("vfio_pci_core_mmap")
    int checkMmap(CoreDevice v, int index) {
        if (index < 0 || index > VfioRegion.BAR5) {
            return Errno.EINVAL.negative(); // ROM, config, VGA and beyond cannot be mapped
        }
        if (v.pdev.config().bars().get(index) == 0) {
            return Errno.EINVAL.negative(); // !bar_mmap_supported[index]
        }
        return 0;
    }

    /** A load or store: through populated page tables, or by way of {@link #fault}. */
    MmapAccess access(Vma vma) {
        if (vma.device().vmaList().contains(vma)) {
            return MmapAccess.DONE;
        }
        return fault(vma);
    }

    /**
     * {@code vfio_pci_mmap_fault}: under {@code vma_lock} and {@code memory_lock} (read), refuse
     * while low power is engaged or memory is not enabled, else populate the whole mapping.
     */
    @Kernel("vfio_pci_mmap_fault")
    private MmapAccess fault(Vma vma) {
        CoreDevice v = vma.device();
        Locks.acquire(v.vmaLock(), "vma_lock", v);
        try {
            Locks.acquire(v.memoryRead(), "memory_lock", v);
            try {
                if (v.pmRuntimeEngaged || !drv.access.memoryEnabled(v)) {
                    drv.trace(v, "mmap fault on BAR" + vma.index + ": SIGBUS"
                            + (v.pmRuntimeEngaged ? " (low power engaged)" : " (memory not enabled)"));
                    return MmapAccess.SIGBUS;
                }
                v.addMapping(vma);
                return MmapAccess.DONE;
            } finally {
                v.memoryRead().unlock();
            }
        } finally {
            v.vmaLock().unlock();
        }
    }

    /** {@code vfio_pci_mmap_close}: an unmapped VMA leaves {@code vma_list}. */
    @Kernel("vfio_pci_mmap_close")
    void unmap(Vma vma) {
        CoreDevice v = vma.device();
        Locks.acquire(v.vmaLock(), "vma_lock", v);
        try {
            v.removeMapping(vma);
        } finally {
            v.vmaLock().unlock();
        }
    }

    /**
     * {@code vfio_pci_zap_and_down_write_memory_lock}: empty every mapping under {@code vma_lock},
     * then take {@code memory_lock} for writing; the caller releases it.
     */
    @Kernel("vfio_pci_zap_and_down_write_memory_lock")
    void zapAndDownWrite(CoreDevice v) {
        Locks.acquire(v.vmaLock(), "vma_lock", v);
        try {
            zap(v);
            Locks.writeMemoryLock(v);
        } finally {
            v.vmaLock().unlock();
        }
    }

    /**
     * {@code vfio_pci_zap_and_vma_lock(vdev, true)} (hot reset): only if {@code vma_lock} is free;
     * it stays held on success.
     */
    boolean tryZapAndVmaLock(CoreDevice v) {
        if (!v.vmaLock().tryLock()) {
            return false;
        }
        zap(v);
        return true;
    }

    /** The caller holds {@code vma_lock}. */
    private void zap(CoreDevice v) {
        Set<Vma> mapped = v.vmaList();
        if (!mapped.isEmpty()) {
            drv.trace(v, "zap " + mapped.size() + " BAR mapping(s)");
            mapped.clear();
        }
    }
}
