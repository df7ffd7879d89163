package org.pmlab.vfio.internal;

import static org.pmlab.vfio.api.VfioFeature.GET;
import static org.pmlab.vfio.api.VfioFeature.HEADER_SIZE;
import static org.pmlab.vfio.api.VfioFeature.MASK;
import static org.pmlab.vfio.api.VfioFeature.PROBE;
import static org.pmlab.vfio.api.VfioFeature.SET;

import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.VfioFeature;

/**
 * {@code VFIO_DEVICE_FEATURE} (include/uapi/linux/vfio.h): the vfio core's header checks
 * ({@code vfio_ioctl_device_feature}), then the driver's dispatch
 * ({@code vfio_pci_core_ioctl_feature}) with the payload size, {@code argsz} less the header.
 * The checks are the same in every modelled era (the ioctl is older than 5.15); the low-power
 * features exist from 6.1 only, so before that they are unknown features, -ENOTTY.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class FeatureIoctl {

    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int ENOTTY = Errno.ENOTTY.negative();

    private final VfioPciDriver drv;
    private final LowPowerFeatures lowPower;

    FeatureIoctl(VfioPciDriver drv) {
        this.drv = drv;
        this.lowPower = new LowPowerFeatures(drv);
    }

    /** The body of the ioctl (the runtime PM wrapper is {@link DeviceAccess#ioctl}). */
    int ioctl(CoreDevice v, int argsz, int flags, byte[] data) {
        long size = Integer.toUnsignedLong(argsz);
        if (size < HEADER_SIZE) {
            return EINVAL;
        }
        if ((flags & ~(MASK | SET | GET | PROBE)) != 0) {
            return EINVAL; // unknown flags
        }
        if ((flags & PROBE) == 0 && (flags & SET) != 0 && (flags & GET) != 0) {
            return EINVAL; // GET and SET only together with PROBE
        }
        // MIGRATION and MIG_DEVICE_STATE (and DMA logging from 6.2) are the vfio core's: it
        // answers -ENOTTY for a device without migration or logging ops, as vfio-pci is
        return driverFeature(v, flags, size - HEADER_SIZE, data);
    }

    /** {@code vfio_pci_core_ioctl_feature}. */
    @Kernel("vfio_pci_core_ioctl_feature")
    private int driverFeature(CoreDevice v, int flags, long argsz, byte[] data) {
        int feature = flags & MASK;
        if (feature == VfioFeature.PCI_VF_TOKEN) {
            return vfToken(v);
        }
        if (!drv.era.hasLowPowerFeature()) {
            return ENOTTY;
        }
        return switch (feature) {
            case VfioFeature.LOW_POWER_ENTRY -> lowPower.entry(v, flags, argsz);
            case VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP -> lowPower.entryWithWakeup(v, flags, argsz, data);
            case VfioFeature.LOW_POWER_EXIT -> lowPower.exit(v, flags, argsz);
            default -> ENOTTY;
        };
    }

    /**
     * {@code vfio_pci_core_feature_token}: -ENOTTY unless the device has a VF token, which
     * {@code vfio_pci_vf_init} gives a PF only. The token itself is outside the model.
     */
    @Kernel("vfio_pci_core_feature_token")
    private int vfToken(CoreDevice v) {
        boolean hasToken = v.pdev.spec().sriov() != null && !v.pdev.isVirtfn();
        if (!hasToken) {
            return ENOTTY;
        }
        throw new UnsupportedOperationException("VFIO_DEVICE_FEATURE_PCI_VF_TOKEN on PF " + v
                + " is not modelled (it has no power management effect)");
    }

    /**
     * {@code vfio_check_feature} (include/linux/vfio.h), in its order: a GET or SET bit not
     * supported is -EINVAL; PROBE answers 0 before the size check; neither GET nor SET is
     * -EINVAL; a payload shorter than {@code minsz} is -EINVAL; else 1 (go on).
     */
    @Kernel(value = "vfio_check_feature", file = "drivers/vfio/vfio_main.c")
    static int check(int flags, long argsz, int supportedOps, int minsz) {
        if ((flags & (GET | SET) & ~supportedOps) != 0) {
            return EINVAL;
        }
        if ((flags & PROBE) != 0) {
            return 0;
        }
        if ((flags & (GET | SET)) == 0) {
            return EINVAL;
        }
        if (argsz < minsz) {
            return EINVAL;
        }
        return 1;
    }
}
