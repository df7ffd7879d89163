package org.pmlab.sysfs.internal;

import java.util.function.IntSupplier;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;

/** {@code device_lock(dev); ...; device_unlock(dev)} around a store. */
final class DeviceLock {
    private DeviceLock() {
    }

    static int locked(PciCore core, PciDevice dev, IntSupplier body) {
        core.deviceLock(dev);
        try {
            return body.getAsInt();
        } finally {
            core.deviceUnlock(dev);
        }
    }
}
