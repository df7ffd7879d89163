package org.pmlab.vfio.internal;

/**
 * An open vfio device file. Its descriptor and every BAR mapping made through it hold a
 * reference (as a VMA holds {@code vm_file}); the device is closed when the last one goes, so
 * closing the fd of a still-mapped device leaves it open. Guarded by the user's fd table.
 */
final class DeviceFile implements OpenFile {

    final CoreDevice device;
    private int refs = 1;

    DeviceFile(CoreDevice device) {
        this.device = device;
    }

    void get() {
        refs++;
    }

    /** Drops one reference; true when it was the last (the file is released). */
    boolean put() {
        if (refs <= 0) {
            throw new IllegalStateException("device file of " + device + " released twice");
        }
        return --refs == 0;
    }
}
