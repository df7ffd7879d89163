package org.pmlab.vfio.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.pmlab.annotation.Kernel;

/**
 * {@code struct vfio_device_set}: the devices that share one reset (a slot, a bus, or a device
 * alone), in the order they joined, and the mutex that serialises open, close and reset.
 */
@Kernel(file = "drivers/vfio/vfio_main.c")
final class DeviceSet {

    final String id;
    /** {@code dev_set->lock}. */
    final ReentrantLock lock = new ReentrantLock();
    /** {@code dev_set->device_list}: insertion order, which the set-get walks. */
    final List<CoreDevice> members = new CopyOnWriteArrayList<>();

    DeviceSet(String id) {
        this.id = id;
    }

    /** {@code vfio_device_set_open_count}: the sum of the members' open counts. */
    @Kernel("vfio_device_set_open_count")
    int openCount() {
        int n = 0;
        for (CoreDevice d : members) {
            n += d.openCount;
        }
        return n;
    }

    boolean contains(String bdf) {
        for (CoreDevice d : members) {
            if (d.name().equals(bdf)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return id;
    }
}
