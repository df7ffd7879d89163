package org.pmlab.vfio.internal;

import java.util.List;
import java.util.Set;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * {@code VFIO_DEVICE_PCI_HOT_RESET} ({@code vfio_pci_ioctl_pci_hot_reset}): the caller must own every member of the dev_set and
 * no member may be in use; from 6.1 every member is resumed and referenced around it and
 * brought to D0 before {@code pci_reset_bus}. Contention releases exactly the locks taken.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class HotReset {

    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EBUSY = Errno.EBUSY.negative();

    private final VfioPciDriver drv;

    HotReset(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_ioctl_pci_hot_reset}: the reset must be possible; {@code owned} stands for the group fds passed. */
    @Kernel("vfio_pci_ioctl_pci_hot_reset")
    int ioctl(CoreDevice v, Set<Bdf> owned) {
        PciDevice p = v.pdev;
        if (drv.core.probeResetSlot(p) != 0 && drv.core.probeResetBus(p) != 0) {
            return Errno.ENODEV.negative();
        }
        if (owned.isEmpty()) {
            return EINVAL; // no group fds
        }
        return devSetHotReset(v, owned);
    }

    /** {@code vfio_pci_dev_set_hot_reset}. */
    @Kernel("vfio_pci_dev_set_hot_reset")
    private int devSetHotReset(CoreDevice caller, Set<Bdf> owned) {
        DeviceSet set = caller.devSet;
        set.lock.lock();
        try {
            PciDevice p = drv.setReset.resettable(set);
            if (p == null) {
                return EINVAL;
            }
            List<CoreDevice> members = List.copyOf(set.members);
            boolean refs = drv.era.hotResetTakesPm();
            if (refs) {
                int ret = drv.setPm.get(members);
                if (ret != 0) {
                    return ret;
                }
            }
            int ret = lockAndReset(members, owned, p);
            drv.trace(caller, "hot reset of " + set.id + ": " + ret);
            if (refs) {
                drv.setPm.put(members);
            }
            return ret;
        } finally {
            set.lock.unlock();
        }
    }

    private int lockAndReset(List<CoreDevice> members, Set<Bdf> owned, PciDevice p) {
        int vmaLocked = 0;
        int memLocked = 0;
        int ret = 0;
        // first pass: ownership, then each vma_lock by trylock, zapping that member's mappings
        for (; vmaLocked < members.size(); vmaLocked++) {
            CoreDevice m = members.get(vmaLocked);
            if (!owned.contains(m.pdev.bdf())) {
                ret = EINVAL;
                break;
            }
            if (!drv.maps.tryZapAndVmaLock(m)) {
                ret = EBUSY;
                break;
            }
        }
        // second pass: each memory_lock for writing, trading the vma_lock for it
        if (ret == 0) {
            for (; memLocked < members.size(); memLocked++) {
                CoreDevice m = members.get(memLocked);
                if (!m.memoryWrite().tryLock()) {
                    ret = EBUSY;
                    break;
                }
                m.vmaLock().unlock();
            }
        }
        if (ret == 0) {
            if (drv.era.hotResetTakesPm()) {
                for (CoreDevice m : members) {
                    drv.power.set(m, PowerState.D0); // restores pm_save of NoSoftRst- members
                }
            }
            ret = drv.core.resetBus(p);
        }
        for (int i = 0; i < memLocked; i++) {
            members.get(i).memoryWrite().unlock();
        }
        for (int i = memLocked; i < vmaLocked; i++) {
            members.get(i).vmaLock().unlock();
        }
        return ret;
    }
}
