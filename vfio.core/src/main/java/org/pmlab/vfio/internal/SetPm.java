package org.pmlab.vfio.internal;

import java.util.List;
import org.pmlab.annotation.Kernel;

/**
 * {@code vfio_pci_dev_set_pm_runtime_get} in the form the review of the seed patch asked for: resume
 * and reference every member in list order; on the first failure walk back from the member
 * before the failing one, putting each. The failing member is not put: its
 * {@code pm_runtime_resume_and_get} already dropped its own reference. Afterwards every usage
 * count equals its value before the call.
 */
@Kernel(value = "vfio_pci_dev_set_pm_runtime_get", file = "drivers/vfio/pci/vfio_pci_core.c")
final class SetPm {

    private final VfioPciDriver drv;

    SetPm(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** 0, or the failing member's resume error. */
    int get(List<CoreDevice> members) {
        for (int i = 0; i < members.size(); i++) {
            int ret = drv.rpm.resumeAndGet(members.get(i).pm());
            if (ret != 0) {
                drv.trace(members.get(i), "dev_set pm get failed " + ret + ", unwinding " + i + " member(s)");
                for (int j = i - 1; j >= 0; j--) {
                    drv.rpm.put(members.get(j).pm());
                }
                return ret;
            }
        }
        return 0;
    }

    void put(List<CoreDevice> members) {
        for (CoreDevice m : members) {
            drv.rpm.put(m.pm());
        }
    }
}
