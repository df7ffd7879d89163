package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;

/**
 * {@code vfio_pci_core_register_device} and {@code vfio_pci_core_unregister_device}: what a
 * bind and an unbind do to the device's power, by era. Probe runs with the
 * reference {@code local_pci_probe} took; from 5.19 register gives it back, unregister takes
 * it again, so the driver core's own puts balance.
 */
@Kernel(value = "vfio_pci_core_register_device", file = "drivers/vfio/pci/vfio_pci_core.c")
final class Registration {

    private final VfioPciDriver drv;

    Registration(VfioPciDriver drv) {
        this.drv = drv;
    }

    int register(PciDevice p) {
        if (p.isBridge()) {
            return Errno.EINVAL.negative(); // header type must be normal
        }
        if (p.numVfs() > 0) {
            drv.log(p, "Cannot bind to PF with SR-IOV enabled");
            return Errno.EBUSY.negative();
        }
        // one value for every device of the module: the one it loaded with (see VfioPciDriver)
        CoreDevice v;
        synchronized (drv) {
            v = new CoreDevice(p, drv.disableIdleD3AtProbe());
            drv.attach(v);
        }
        drv.devSets.join(v);
        drv.power.probe(v);
        return drv.era.usesRuntimePm() ? registerRuntimePm(v) : registerLegacy(v);
    }

    /** Pre-patch: D0 (out of "unknown"), then straight to D3hot; runtime PM stays forbidden. */
    private int registerLegacy(CoreDevice v) {
        if (!v.disableIdleD3) {
            drv.power.set(v, PowerState.D0);
            drv.power.set(v, PowerState.D3HOT);
        }
        int ret = drv.faults.registerGroupDev(v);
        if (ret != 0) {
            if (!v.disableIdleD3) {
                drv.power.set(v, PowerState.D0);
            }
            undo(v);
            return ret;
        }
        v.registered = true;
        return 0;
    }

    /** 5.19+: D0, dev_pm_ops installed (see {@link VfioPciDriver#pm()}), allow, and drop the probe reference. */
    private int registerRuntimePm(CoreDevice v) {
        PmDevice dev = v.pm();
        drv.power.set(v, PowerState.D0);
        drv.rpm.allow(dev);
        if (!v.disableIdleD3) {
            drv.rpm.put(dev);
        }
        int ret = drv.faults.registerGroupDev(v);
        if (ret != 0) {
            // out_power
            if (!v.disableIdleD3) {
                drv.rpm.getNoresume(dev);
            }
            drv.rpm.forbid(dev);
            undo(v);
            return ret;
        }
        v.registered = true;
        return 0;
    }

    /** VF/VGA uninit and the release of the vfio device: it leaves its dev_set and drvdata is gone. */
    private void undo(CoreDevice v) {
        drv.devSets.leave(v);
        drv.detach(v);
    }

    void unregister(PciDevice p) {
        CoreDevice v = VfioPciDriver.core(p);
        if (v == null) {
            return;
        }
        if (p.spec().sriov() != null && !p.isVirtfn()) {
            drv.sriov.configure(v, 0);
        }
        // vfio_unregister_group_dev: no new opens, and it waits for the user to close the device
        // (the user complies)
        drv.user.revoke(v);
        if (drv.era.usesRuntimePm()) {
            if (!v.disableIdleD3) {
                drv.rpm.getNoresume(v.pm());
            }
            drv.rpm.forbid(v.pm());
        } else if (!v.disableIdleD3) {
            drv.power.set(v, PowerState.D0);
        }
        undo(v);
    }
}
