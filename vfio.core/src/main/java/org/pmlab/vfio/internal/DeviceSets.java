package org.pmlab.vfio.internal;

import java.util.HashMap;
import java.util.Map;
import org.pmlab.annotation.Kernel;
import org.pmlab.pci.api.PciDevice;

/**
 * {@code vfio_assign_device_set} and its release: which reset domain a device joins: a
 * device on a root bus or a VF alone; a device whose slot can be reset with that slot; any
 * other with its bus. A set lives while it has members.
 */
@Kernel(value = "vfio_assign_device_set", file = "drivers/vfio/vfio_main.c")
final class DeviceSets {

    private final VfioPciDriver drv;
    private final Map<String, DeviceSet> sets = new HashMap<>();

    DeviceSets(VfioPciDriver drv) {
        this.drv = drv;
    }

    /** The key the kernel would use (the device, {@code pdev->slot} or {@code pdev->bus}), named readably. */
    String key(PciDevice p) {
        if (p.upstreamBridge().isEmpty() || p.isVirtfn()) {
            return "dev:" + p.bdf();
        }
        String bus = p.bdf().toString().substring(0, 7); // domain:bus
        return (drv.core.probeResetSlot(p) == 0 ? "slot:" : "bus:") + bus;
    }

    void join(CoreDevice v) {
        DeviceSet set;
        synchronized (sets) {
            set = sets.computeIfAbsent(key(v.pdev), DeviceSet::new);
        }
        set.lock.lock();
        try {
            set.members.add(v);
            v.devSet = set;
        } finally {
            set.lock.unlock();
        }
    }

    void leave(CoreDevice v) {
        DeviceSet set = v.devSet;
        if (set == null) {
            return;
        }
        set.lock.lock();
        try {
            set.members.remove(v);
        } finally {
            set.lock.unlock();
        }
        synchronized (sets) {
            if (set.members.isEmpty()) {
                sets.remove(set.id, set);
            }
        }
    }
}
