package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * The first open and the last close of a device: the vfio core's open count under the dev_set
 * lock, and {@code vfio_pci_core_enable}/{@code vfio_pci_core_disable} with every unwind label.
 * Each failure gives back exactly what the open took.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class OpenClose {

    private static final int EAGAIN = Errno.EAGAIN.negative();

    private final VfioPciDriver drv;

    OpenClose(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_device_open}: only the first open enables the device. */
    @Kernel(value = "vfio_device_open", file = "drivers/vfio/vfio_main.c")
    int open(CoreDevice v) {
        DeviceSet set = v.devSet;
        set.lock.lock();
        try {
            v.openCount++;
            if (v.openCount == 1) {
                int ret = enable(v);
                if (ret != 0) {
                    v.openCount--;
                    return ret;
                }
            }
            return 0;
        } finally {
            set.lock.unlock();
        }
    }

    /** {@code vfio_device_close}: only the last close disables it. */
    @Kernel(value = "vfio_device_close", file = "drivers/vfio/vfio_main.c")
    void close(CoreDevice v) {
        DeviceSet set = v.devSet;
        set.lock.lock();
        try {
            if (drv.era.closesBeforeCountDrop()) {
                if (v.openCount == 1) {
                    disable(v);
                }
                v.openCount--;
            } else {
                v.openCount--;
                if (v.openCount == 0) {
                    disable(v);
                }
            }
        } finally {
            set.lock.unlock();
        }
    }

    /** {@code vfio_pci_core_enable}. */
    @Kernel("vfio_pci_core_enable")
    int enable(CoreDevice v) {
        PciDevice p = v.pdev;
        boolean takesRef = drv.era.usesRuntimePm() && !v.disableIdleD3;
        if (takesRef) {
            int ret = drv.rpm.resumeAndGet(v.pm());
            if (ret < 0) {
                drv.trace(v, "enable: resume failed " + ret);
                return ret; // resume_and_get dropped its reference itself
            }
        } else if (!drv.era.usesRuntimePm()) {
            drv.power.set(v, PowerState.D0); // result ignored, as before the patch
        }
        drv.core.clearMaster(p);
        int ret = drv.core.enableDevice(p);
        if (ret != 0) {
            return outPower(v, takesRef, ret, "pci_enable_device");
        }
        // a reset failing only because the device lock is taken fails the open entirely
        ret = drv.core.tryResetFunction(p);
        if (ret == EAGAIN) {
            return outDisableDevice(v, takesRef, ret, "pci_try_reset_function");
        }
        v.resetWorks = ret == 0;
        drv.core.saveState(p);
        v.pciSavedState = drv.core.storeSavedState(p);
        // INTx masking through the command register is assumed supported (pci_intx_mask_supported)
        int cmd = p.config().command();
        if ((cmd & ConfigRegisters.COMMAND_INTX_DISABLE) != 0) {
            drv.core.writeCommand(p, cmd & ~ConfigRegisters.COMMAND_INTX_DISABLE);
        }
        // zPCI open (s390 only) has no counterpart in the model
        ret = drv.faults.configInit(v);
        if (ret != 0) {
            return outFreeState(v, takesRef, ret, "vfio_config_init");
        }
        drv.trace(v, "enable: 0 (reset_works " + (v.resetWorks ? 1 : 0) + ")");
        return 0;
    }

    private int outFreeState(CoreDevice v, boolean takesRef, int ret, String failed) {
        v.pciSavedState = null;
        return outDisableDevice(v, takesRef, ret, failed);
    }

    private int outDisableDevice(CoreDevice v, boolean takesRef, int ret, String failed) {
        drv.core.disableDevice(v.pdev);
        return outPower(v, takesRef, ret, failed);
    }

    private int outPower(CoreDevice v, boolean takesRef, int ret, String failed) {
        if (takesRef) {
            drv.rpm.put(v.pm());
        }
        drv.trace(v, "enable: " + failed + " failed " + ret);
        return ret;
    }

    /** {@code vfio_pci_core_disable}; the caller holds the dev_set lock. */
    @Kernel("vfio_pci_core_disable")
    void disable(CoreDevice v) {
        PciDevice p = v.pdev;
        if (drv.era.disableStartsInD0()) {
            drv.lowPower.exit(v); // gives back the reference a low-power entry dropped
            drv.rpm.resume(v.pm());
            // a user PMCSR D3hot is undone here: a PM reset below only works from D0
            drv.power.set(v, PowerState.D0);
        }
        drv.core.clearMaster(p);
        drv.intx.disableIrqs(v);
        // ioeventfds, regions, virtual config and BAR maps are freed; the model keeps none
        v.needsReset = true;
        boolean reset = true;
        if (drv.core.loadSavedState(p, v.pciSavedState) != 0) {
            drv.log(p, "Couldn't reload saved state");
            reset = v.resetWorks;
            if (reset) {
                drv.core.saveState(p);
            }
        }
        v.pciSavedState = null;
        if (reset) {
            drv.core.writeCommand(p, ConfigRegisters.COMMAND_INTX_DISABLE);
            if (v.resetWorks && drv.core.deviceTrylock(p)) {
                try {
                    if (drv.core.resetFunctionLocked(p) == 0) {
                        v.needsReset = false;
                    }
                } finally {
                    drv.core.deviceUnlock(p);
                }
            }
            drv.core.restoreState(p);
        }
        drv.core.disableDevice(p);
        drv.trace(v, "disable: needs_reset " + (v.needsReset ? 1 : 0));
        if (drv.era.usesRuntimePm()) {
            drv.setReset.tryReset(v.devSet, v);
            if (!v.disableIdleD3) {
                drv.rpm.put(v.pm()); // the reference enable took: the device may suspend now
            }
        } else if (!drv.setReset.tryResetLegacy(v.devSet, v) && !v.disableIdleD3) {
            drv.power.set(v, PowerState.D3HOT);
        }
    }
}
