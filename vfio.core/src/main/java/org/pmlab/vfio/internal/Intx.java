package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.IrqType;

/**
 * The interrupt state vfio keeps per device ({@code vfio_pci_intrs.c}, as far as power
 * management sees it): which type the user enabled, and INTx masking through the command
 * register's INTx Disable bit (PCI 2.3 masking, assumed supported).
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_intrs.c")
final class Intx {

    private final VfioPciDriver drv;

    Intx(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code VFIO_DEVICE_SET_IRQS} with {@code ACTION_TRIGGER}. */
    int setIrqs(CoreDevice v, IrqType type) {
        if (type == IrqType.NONE) {
            disableIrqs(v);
            return 0;
        }
        if (type == IrqType.INTX && v.pdev.isVirtfn()) {
            return Errno.EINVAL.negative(); // VFs have no INTx: its IRQ count is 0
        }
        if (v.irqType() != IrqType.NONE && v.irqType() != type) {
            return Errno.EINVAL.negative();
        }
        if (type == IrqType.INTX && v.irqType() != IrqType.INTX) {
            v.intxMasked = false;
            setIntxDisable(v, false);
        }
        v.setIrqType(type);
        return 0;
    }

    /** {@code ACTION_MASK}/{@code ACTION_UNMASK} on the INTx index. */
    int userMask(CoreDevice v, boolean masked) {
        if (v.irqType() != IrqType.INTX) {
            return Errno.EINVAL.negative();
        }
        if (masked) {
            mask(v);
        } else {
            unmask(v);
        }
        return 0;
    }

    /** {@code vfio_pci_intx_mask}: true when this call masked it (false when it already was). */
    @Kernel("vfio_pci_intx_mask")
    boolean mask(CoreDevice v) {
        if (v.irqType() != IrqType.INTX || v.intxMasked) {
            return false;
        }
        setIntxDisable(v, true);
        v.intxMasked = true;
        return true;
    }

    /** {@code vfio_pci_intx_unmask}. */
    @Kernel("vfio_pci_intx_unmask")
    void unmask(CoreDevice v) {
        if (v.irqType() != IrqType.INTX || !v.intxMasked) {
            return;
        }
        setIntxDisable(v, false);
        v.intxMasked = false;
    }

    /** What close does: the enabled interrupt type is torn down. */
    void disableIrqs(CoreDevice v) {
        v.setIrqType(IrqType.NONE);
        v.intxMasked = false;
    }

    private void setIntxDisable(CoreDevice v, boolean disable) {
        int cmd = v.pdev.config().command();
        int next = disable ? cmd | ConfigRegisters.COMMAND_INTX_DISABLE : cmd & ~ConfigRegisters.COMMAND_INTX_DISABLE;
        drv.core.writeCommand(v.pdev, next);
    }
}
