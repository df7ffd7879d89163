package org.pmlab.vfio.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * vfio's own D-state helper: {@code vfio_pci_set_power_state} with the
 * private save/restore for NoSoftRst- devices, {@code vfio_pci_probe_power_state}, and the
 * locked variant a user's PMCSR write goes through.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class PowerControl {

    private final VfioPciDriver drv;

    PowerControl(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_probe_power_state}: NoSoftRst- from PMCSR means vfio must restore after D3hot. */
    @Kernel("vfio_pci_probe_power_state")
    void probe(CoreDevice v) {
        PciDevice p = v.pdev;
        if (p.spec().pm() == null) {
            v.needsPmRestore = false;
            return;
        }
        int pmcsr = drv.core.readPmcsr(p);
        v.needsPmRestore = (pmcsr & ConfigRegisters.PMCSR_NO_SOFT_RESET) == 0;
    }

    /** {@code vfio_pci_set_power_state}. */
    @Kernel("vfio_pci_set_power_state")
    int set(CoreDevice v, PowerState state) {
        PciDevice p = v.pdev;
        if (state.deeperThan(PowerState.D0) && drv.era.guardsSriovPowerState() && v.sriovActive) {
            return Errno.EBUSY.negative();
        }
        boolean save = false;
        boolean restore = false;
        if (v.needsPmRestore) {
            PowerState cur = p.currentState();
            if (cur.value() < PowerState.D3HOT.value() && state.value() >= PowerState.D3HOT.value()) {
                drv.core.saveState(p);
                save = true;
            } else if (cur.value() >= PowerState.D3HOT.value() && state.value() <= PowerState.D0.value()) {
                restore = true; // "unknown" counts as deep: the first D0 plans a restore too
            }
        }
        int ret = drv.core.setPowerState(p, state);
        if (ret == 0) {
            if (save && p.currentState().value() >= PowerState.D3HOT.value()) {
                v.pmSave = drv.core.storeSavedState(p); // a stale one is simply replaced
            } else if (restore) {
                drv.core.loadSavedState(p, v.pmSave);
                v.pmSave = null;
                drv.core.restoreState(p);
            }
        }
        return ret;
    }

    /**
     * {@code vfio_lock_and_set_power_state} (5.19+): the write side of {@code memory_lock} around
     * the change, BAR mappings zapped first when going to D3hot. Before 5.19 the PMCSR write
     * handler called {@link #set} directly.
     */
    @Kernel("vfio_lock_and_set_power_state")
    int lockAndSet(CoreDevice v, PowerState state) {
        if (!drv.era.locksPmcsrWrites()) {
            return set(v, state);
        }
        if (state.value() >= PowerState.D3HOT.value()) {
            drv.maps.zapAndDownWrite(v);
        } else {
            Locks.writeMemoryLock(v);
        }
        try {
            return set(v, state);
        } finally {
            v.memoryWrite().unlock();
        }
    }
}
