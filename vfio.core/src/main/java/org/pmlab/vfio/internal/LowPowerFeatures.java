package org.pmlab.vfio.internal;

import static org.pmlab.vfio.api.VfioFeature.SET;
import static org.pmlab.vfio.api.VfioFeature.WAKEUP_PAYLOAD_SIZE;

import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * The handlers of the three low-power features (6.1): {@code vfio_pci_core_pm_entry},
 * {@code vfio_pci_core_pm_entry_with_wakeup} and {@code vfio_pci_core_pm_exit}. Each returns
 * whatever {@code vfio_check_feature} answered when that is not 1.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class LowPowerFeatures {

    private final VfioPciDriver drv;

    LowPowerFeatures(VfioPciDriver drv) {
        this.drv = drv;
    }

    @Kernel("vfio_pci_core_pm_entry")
    int entry(CoreDevice v, int flags, long argsz) {
        int ret = FeatureIoctl.check(flags, argsz, SET, 0);
        if (ret != 1) {
            return ret;
        }
        return drv.lowPower.entry(v, null);
    }

    @Kernel("vfio_pci_core_pm_entry_with_wakeup")
    int entryWithWakeup(CoreDevice v, int flags, long argsz, byte[] data) {
        int ret = FeatureIoctl.check(flags, argsz, SET, WAKEUP_PAYLOAD_SIZE);
        if (ret != 1) {
            return ret;
        }
        if (data == null || data.length < WAKEUP_PAYLOAD_SIZE) {
            return Errno.EFAULT.negative(); // copy_from_user met an unmapped address
        }
        int eventfd = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | data[3] << 24;
        if (eventfd < 0) {
            return Errno.EINVAL.negative();
        }
        // the reserved word is not checked
        FdTable.CtxRef ref = drv.user.files.eventfdCtxFdget(eventfd);
        if (ref.ctx() == null) {
            return ref.error();
        }
        ret = drv.lowPower.entry(v, ref.ctx());
        if (ret != 0) {
            ref.ctx().put();
        }
        return ret;
    }

    /**
     * The device is active here (the ioctl wrapper resumed it); if it had a wake-up eventfd the
     * resume callback already signalled it and exited, and this exit is a no-op.
     */
    @Kernel("vfio_pci_core_pm_exit")
    int exit(CoreDevice v, int flags, long argsz) {
        int ret = FeatureIoctl.check(flags, argsz, SET, 0);
        if (ret != 1) {
            return ret;
        }
        drv.lowPower.exit(v);
        return 0;
    }
}
