package org.pmlab.vfio.internal;

import java.util.function.IntSupplier;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.VfioRegion;

/**
 * How a user's access reaches the device: from 6.1 every device ioctl is wrapped in
 * {@code pm_runtime_resume_and_get}/{@code pm_runtime_put} by the vfio core, and every region
 * read or write by {@code vfio_pci_rw}; a failed resume is {@code -EIO}. Before 6.1 nothing is
 * wrapped. BAR accesses hold {@code memory_lock} for reading.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class DeviceAccess {

    private static final int EIO = Errno.EIO.negative();
    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int ACCESS_BYTES = 4;

    private final VfioPciDriver drv;

    DeviceAccess(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_device_fops_unl_ioctl}: the wrapper applies when the driver has dev_pm_ops. */
    @Kernel(value = "vfio_device_fops_unl_ioctl", file = "drivers/vfio/vfio_main.c")
    int ioctl(CoreDevice v, IntSupplier body) {
        boolean wrap = drv.era.wrapsDeviceAccess() && drv.pm() != null;
        if (wrap) {
            int ret = drv.rpm.resumeAndGet(v.pm());
            if (ret != 0) {
                drv.log(v.pdev, "vfio: runtime resume failed " + ret);
                return EIO;
            }
        }
        try {
            return body.getAsInt();
        } finally {
            if (wrap) {
                drv.rpm.put(v.pm());
            }
        }
    }

    /** {@code vfio_pci_rw}: the index is checked before any power management. */
    @Kernel("vfio_pci_rw")
    int rw(CoreDevice v, int index, IntSupplier access) {
        if (index < 0 || index >= VfioRegion.NUM_REGIONS) {
            return EINVAL;
        }
        boolean wrap = drv.era.wrapsDeviceAccess();
        if (wrap) {
            int ret = drv.rpm.resumeAndGet(v.pm());
            if (ret != 0) {
                drv.log(v.pdev, "runtime resume failed " + ret);
                return EIO;
            }
        }
        try {
            return access.getAsInt();
        } finally {
            if (wrap) {
                drv.rpm.put(v.pm());
            }
        }
    }

    /** A 4-byte access of a region, read or write alike for power management. */
    int region(CoreDevice v, int index) {
        return rw(v, index, () -> {
            if (index == VfioRegion.CONFIG) {
                return ACCESS_BYTES; // config space answers in any D-state
            }
            if (index <= VfioRegion.BAR5) {
                return bar(v, index);
            }
            return EINVAL; // the model's functions have no expansion ROM and are not VGA
        });
    }

    /** {@code vfio_pci_bar_rw}: an unimplemented BAR is -EINVAL; decoding off (or D3hot, 5.19+) is -EIO. */
    @Kernel(value = "vfio_pci_bar_rw", file = "drivers/vfio/pci/vfio_pci_rdwr.c")
    private int bar(CoreDevice v, int index) {
        if (v.pdev.config().bars().get(index) == 0) {
            return EINVAL;
        }
        Locks.acquire(v.memoryRead(), "memory_lock", v);
        try {
            return memoryEnabled(v) ? ACCESS_BYTES : EIO;
        } finally {
            v.memoryRead().unlock();
        }
    }

    /** {@code __vfio_pci_memory_enabled}. */
    @Kernel(value = "__vfio_pci_memory_enabled", file = "drivers/vfio/pci/vfio_pci_config.c")
    boolean memoryEnabled(CoreDevice v) {
        boolean decoding = (v.pdev.config().command() & ConfigRegisters.COMMAND_MEMORY) != 0;
        if (drv.era.blocksBarAccessInD3()) {
            return decoding && v.pdev.currentState().value() < PowerState.D3HOT.value();
        }
        return decoding;
    }

    /**
     * {@code vfio_pm_config_write} for a write of PMCSR's PowerState field: the native change
     * through vfio's helper; its error is not reported, the write returns its byte count.
     */
    @Kernel(value = "vfio_pm_config_write", file = "drivers/vfio/pci/vfio_pci_config.c")
    int pmcsrWrite(CoreDevice v, PowerState state) {
        if (state.value() < PowerState.D0.value() || state.value() > PowerState.D3HOT.value()) {
            return EINVAL; // not a value the 2-bit PowerState field can hold
        }
        return rw(v, VfioRegion.CONFIG, () -> {
            if (v.pdev.spec().pm() != null) {
                // without a PM capability there is no PMCSR: the write is dropped (assumption)
                drv.power.lockAndSet(v, state);
            }
            return 2;
        });
    }
}
