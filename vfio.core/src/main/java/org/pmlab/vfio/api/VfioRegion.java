package org.pmlab.vfio.api;

/** Region indexes of a vfio-pci device ({@code VFIO_PCI_*_REGION_INDEX}, include/uapi/linux/vfio.h). */
public final class VfioRegion {
    private VfioRegion() {
    }

    public static final int BAR0 = 0;
    public static final int BAR5 = 5;
    public static final int ROM = 6;
    public static final int CONFIG = 7;
    public static final int VGA = 8;
    /** {@code VFIO_PCI_NUM_REGIONS}: an index at or above it is -EINVAL. */
    public static final int NUM_REGIONS = 9;
}
