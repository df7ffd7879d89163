package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * {@code vfio_pci_core_sriov_configure} and the driver's list of PFs with SR-IOV
 * being configured ({@code vfio_pci_sriov_pfs}). From 5.19 the PF is resumed and referenced
 * for as long as VFs exist. Called with the PF's device lock held.
 */
@Kernel(value = "vfio_pci_core_sriov_configure", file = "drivers/vfio/pci/vfio_pci_core.c")
final class SriovConfig {

    private final VfioPciDriver drv;
    private final List<CoreDevice> pfs = new ArrayList<>();

    SriovConfig(VfioPciDriver drv) {
        this.drv = drv;
    }

    boolean listed(CoreDevice v) {
        synchronized (pfs) {
            return pfs.contains(v);
        }
    }

    int configure(CoreDevice v, int numVfs) {
        PciDevice pf = v.pdev;
        if (numVfs > 0) {
            synchronized (pfs) {
                if (pfs.contains(v)) {
                    return Errno.EINVAL.negative();
                }
                pfs.add(v);
            }
            return enable(v, pf, numVfs);
        }
        if (!drv.era.usesRuntimePm()) {
            drv.core.disableSriov(pf);
        } else if (pf.numVfs() != 0) {
            // only when VFs exist: a second disable must not put again
            drv.core.disableSriov(pf);
            drv.rpm.put(pf.pm());
        }
        v.sriovActive = false;
        unlist(v);
        return 0;
    }

    private int enable(CoreDevice v, PciDevice pf, int numVfs) {
        if (!drv.era.usesRuntimePm()) {
            drv.power.set(v, PowerState.D0); // the PF must be at least as awake as its VFs (5.18)
            int ret = drv.core.enableSriov(pf, numVfs);
            if (ret != 0) {
                unlist(v);
                return ret;
            }
            return numVfs;
        }
        int ret = drv.rpm.resumeAndGet(pf.pm());
        if (ret != 0) {
            v.sriovActive = false;
            unlist(v);
            return ret;
        }
        if (drv.era.sriovEnableUnderMemoryLock()) {
            try {
                Locks.writeMemoryLock(v);
            } catch (IllegalStateException wouldWait) {
                // the kernel's writer would wait for the user's access; the model refuses, and
                // a refused write must give back the reference it took
                drv.rpm.put(pf.pm());
                v.sriovActive = false;
                unlist(v);
                throw wouldWait;
            }
            try {
                drv.power.set(v, PowerState.D0); // a user PMCSR write may have left it in D3hot
                v.sriovActive = true;
            } finally {
                v.memoryWrite().unlock();
            }
        }
        ret = drv.core.enableSriov(pf, numVfs);
        if (ret != 0) {
            drv.rpm.put(pf.pm());
            v.sriovActive = false;
            unlist(v);
            return ret;
        }
        return numVfs;
    }

    private void unlist(CoreDevice v) {
        synchronized (pfs) {
            pfs.remove(v);
        }
    }
}
