package org.pmlab.vfio.internal;

/** One user mapping of a BAR ({@code struct vm_area_struct} over the device file). */
final class Vma {

    final DeviceFile file;
    final int index;

    Vma(DeviceFile file, int index) {
        this.file = file;
        this.index = index;
    }

    CoreDevice device() {
        return file.device;
    }

    @Override
    public String toString() {
        return file.device + " BAR" + index;
    }
}
