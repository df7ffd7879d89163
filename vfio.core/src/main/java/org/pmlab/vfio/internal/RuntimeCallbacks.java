package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.vfio.api.IrqType;

/**
 * {@code vfio_pci_core_pm_ops} from 6.1 (drivers/vfio/pci/vfio_pci_core.c): runtime suspend brings the device to D0 first
 * (undoing a user PMCSR D3hot, restoring {@code pm_save}) so the PCI core saves a clean state
 * and picks the real target, and masks INTx when INTx is the enabled type and was unmasked;
 * runtime resume signals a wake-up eventfd once and leaves low power (the device stays active
 * until the user enters again), then unmasks what suspend masked. Neither ever fails.
 */
@Kernel(value = "vfio_pci_core_pm_ops", file = "drivers/vfio/pci/vfio_pci_core.c")
final class RuntimeCallbacks {

    private final VfioPciDriver drv;
    final DevPmOps ops;

    RuntimeCallbacks(VfioPciDriver drv) {
        this.drv = drv;
        this.ops = new DevPmOps(this::suspend, this::resume, null);
    }

    /** {@code vfio_pci_core_runtime_suspend}. */
    @Kernel("vfio_pci_core_runtime_suspend")
    int suspend(PmDevice dev) {
        CoreDevice v = VfioPciDriver.core(dev);
        if (v == null) {
            return 0; // not (or no longer) a vfio device: nothing of vfio's to quiesce
        }
        Locks.writeMemoryLock(v);
        try {
            drv.power.set(v, PowerState.D0);
        } finally {
            v.memoryWrite().unlock();
        }
        v.pmIntxMasked = v.irqType() == IrqType.INTX && drv.intx.mask(v);
        return 0;
    }

    /**
     * {@code vfio_pci_core_runtime_resume}: the PCI core has already restored D0 and the config.
     * {@code pm_intx_masked} is left as it is; the next suspend sets it again.
     */
    @Kernel("vfio_pci_core_runtime_resume")
    int resume(PmDevice dev) {
        CoreDevice v = VfioPciDriver.core(dev);
        if (v == null) {
            return 0;
        }
        Locks.writeMemoryLock(v);
        try {
            EventFdCtx ctx = v.pmWakeEventfd;
            if (ctx != null) {
                ctx.signal(); // once: the exit below forgets the context
                drv.trace(v, "runtime resume: wake-up eventfd signalled");
                drv.lowPower.exitLocked(v);
            }
        } finally {
            v.memoryWrite().unlock();
        }
        if (v.pmIntxMasked) {
            drv.intx.unmask(v);
        }
        return 0;
    }
}
