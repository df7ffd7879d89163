package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;

/**
 * The bus or slot reset vfio does when the last device of a dev_set closes
 * ({@code vfio_pci_dev_set_try_reset}), and the checks it shares with hot reset.
 * Callers hold the dev_set lock.
 */
@Kernel(file = "drivers/vfio/pci/vfio_pci_core.c")
final class SetReset {

    private final VfioPciDriver drv;

    SetReset(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** {@code vfio_pci_dev_set_needs_reset}: nobody else has the set open and some member is dirty. */
    @Kernel("vfio_pci_dev_set_needs_reset")
    boolean needsReset(DeviceSet set) {
        int open = set.openCount();
        // 6.1 asks with the closing device still counted; before, its count was dropped first
        if (drv.era.closesBeforeCountDrop() ? open > 1 : open > 0) {
            return false;
        }
        for (CoreDevice m : set.members) {
            if (m.needsReset) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code vfio_pci_dev_set_resettable}: the first member's slot or bus can be reset and every
     * function that reset would hit belongs to the set. Returns the device to reset, or null.
     */
    @Kernel("vfio_pci_dev_set_resettable")
    PciDevice resettable(DeviceSet set) {
        List<CoreDevice> members = set.members;
        if (members.isEmpty()) {
            return null;
        }
        PciDevice p = members.get(0).pdev;
        if (drv.core.probeResetSlot(p) != 0 && drv.core.probeResetBus(p) != 0) {
            return null;
        }
        for (PciDevice hit : affected(p)) {
            if (!set.contains(hit.bdf().toString())) {
                return null;
            }
        }
        return p;
    }

    /** Every function below the bridge above {@code p} ({@code pci_walk_bus} on its slot or bus). */
    static List<PciDevice> affected(PciDevice p) {
        List<PciDevice> out = new ArrayList<>();
        p.upstreamBridge().ifPresent(b -> collect(b, out));
        return out;
    }

    private static void collect(PciDevice bridge, List<PciDevice> out) {
        for (PciDevice d : bridge.subordinates()) {
            out.add(d);
            collect(d, out);
        }
    }

    /**
     * 5.19+ (void): references around the reset; a failed set-get resets nothing and leaves
     * {@code needs_reset}. 5.19/6.0 skip the references with {@code disable_idle_d3}; 6.1 takes
     * them always. {@code closing} supplies the parameter (see {@link CoreDevice#disableIdleD3}).
     */
    @Kernel("vfio_pci_dev_set_try_reset")
    void tryReset(DeviceSet set, CoreDevice closing) {
        if (!needsReset(set)) {
            return;
        }
        PciDevice p = resettable(set);
        if (p == null) {
            return;
        }
        boolean refs = drv.era.tryResetAlwaysTakesPm() || !closing.disableIdleD3;
        List<CoreDevice> members = List.copyOf(set.members);
        if (refs && drv.setPm.get(members) != 0) {
            return;
        }
        int ret = drv.core.resetBus(p);
        drv.trace(closing, "try_reset of " + set.id + ": " + ret);
        for (CoreDevice m : members) {
            if (ret == 0) {
                m.needsReset = false;
            }
            if (refs) {
                drv.rpm.put(m.pm());
            }
        }
    }

    /**
     * Before the patch (returns whether the set was reset): every member to D0 (5.18), the
     * reset, and on success every member straight to D3hot unless {@code disable_idle_d3}.
     */
    @Kernel("vfio_pci_dev_set_try_reset")
    boolean tryResetLegacy(DeviceSet set, CoreDevice closing) {
        if (!needsReset(set)) {
            return false;
        }
        PciDevice p = resettable(set);
        if (p == null) {
            return false;
        }
        List<CoreDevice> members = List.copyOf(set.members);
        for (CoreDevice m : members) {
            drv.power.set(m, PowerState.D0);
        }
        int ret = drv.core.resetBus(p);
        drv.trace(closing, "try_reset of " + set.id + ": " + ret);
        if (ret != 0) {
            return false;
        }
        for (CoreDevice m : members) {
            m.needsReset = false;
            if (!closing.disableIdleD3) {
                drv.power.set(m, PowerState.D3HOT);
            }
        }
        return true;
    }
}
