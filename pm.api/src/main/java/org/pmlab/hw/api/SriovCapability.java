package org.pmlab.hw.api;

/** The SR-IOV capability of a physical function: how many VFs and where they appear. */
public record SriovCapability(int totalVfs, int vfOffset, int vfStride, int vfDeviceId) {
    public SriovCapability {
        if (totalVfs < 1 || totalVfs > 0xffff) {
            throw new IllegalArgumentException("TotalVFs must be 1..65535, got " + totalVfs);
        }
        if (vfOffset < 1 || vfStride < 1) {
            throw new IllegalArgumentException("VF offset and stride must be positive");
        }
    }
}
