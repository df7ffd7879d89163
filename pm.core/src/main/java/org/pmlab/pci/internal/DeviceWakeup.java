package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * drivers/base/power/wakeup.c for PCI functions: the {@code power.can_wakeup} flag and the
 * wakeup source that makes {@code device_may_wakeup} true. The flag decides whether the
 * {@code power/wakeup} attribute group exists. None of these recompute a bridge's
 * {@code bridge_d3}: only {@link BridgeD3Policy#update} does.
 */
@Kernel(file = "drivers/base/power/wakeup.c")
final class DeviceWakeup {

    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EEXIST = Errno.EEXIST.negative();

    private final PciHost host;

    DeviceWakeup(PciHost host) {
        this.host = host;
    }

    /** {@code struct wakeup_source}: only its registration time is visible without wake-up events. */
    record Source(long lastTimeNs) {
    }

    /** {@code device_set_wakeup_capable}: adds or removes the attribute group; the source stays. */
@Kernel("device_set_wakeup_capable")
    void setCapable(PciDev dev, boolean capable) {
        if (dev.canWakeup == capable) {
            return;
        }
        dev.canWakeup = capable;
        host.post(org.pmlab.sim.api.ModelEvents.PCI_CHANGED, dev);
    }

    /** {@code device_wakeup_enable}: -EINVAL unless capable, -EEXIST with a source attached. */
@Kernel("device_wakeup_enable")
    int enable(PciDev dev) {
        if (!dev.canWakeup) {
            return EINVAL;
        }
        synchronized (dev) {
            if (dev.wakeup != null) {
                return EEXIST;
            }
            dev.wakeup = new Source(host.clock().nanoTime()); // wakeup_source_add stamps last_time
        }
        host.post(org.pmlab.sim.api.ModelEvents.PCI_CHANGED, dev);
        return 0;
    }

    /** {@code device_wakeup_disable}: -EINVAL unless capable; detaches the source. */
@Kernel("device_wakeup_disable")
    int disable(PciDev dev) {
        if (!dev.canWakeup) {
            return EINVAL;
        }
        dev.wakeup = null;
        host.post(org.pmlab.sim.api.ModelEvents.PCI_CHANGED, dev);
        return 0;
    }

    /** {@code device_set_wakeup_enable}. */
@Kernel("device_set_wakeup_enable")
    int setEnable(PciDev dev, boolean enable) {
        return enable ? enable(dev) : disable(dev);
    }

    /** {@code device_init_wakeup}: on makes it capable and enables; off disables and makes it not capable. */
@Kernel(value = "device_init_wakeup", file = "include/linux/pm_wakeup.h")
    int init(PciDev dev, boolean enable) {
        if (enable) {
            setCapable(dev, true);
            return enable(dev);
        }
        disable(dev);
        setCapable(dev, false);
        return 0;
    }
}
