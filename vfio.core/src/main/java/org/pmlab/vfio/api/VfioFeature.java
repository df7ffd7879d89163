package org.pmlab.vfio.api;

/**
 * {@code VFIO_DEVICE_FEATURE} as include/uapi/linux/vfio.h defines it: the ioctl takes
 * {@code struct vfio_device_feature { __u32 argsz; __u32 flags; __u8 data[]; }}, where
 * {@code flags} holds the feature number (low 16 bits) and the GET/SET/PROBE bits, and
 * {@code argsz} is the size of the whole structure, header included.
 */
public final class VfioFeature {
    private VfioFeature() {
    }

    /** {@code VFIO_DEVICE_FEATURE_MASK}: the feature number's bits of {@code flags}. */
    public static final int MASK = 0xffff;
    /** {@code VFIO_DEVICE_FEATURE_GET}. */
    public static final int GET = 1 << 16;
    /** {@code VFIO_DEVICE_FEATURE_SET}. */
    public static final int SET = 1 << 17;
    /** {@code VFIO_DEVICE_FEATURE_PROBE}: only ask whether the feature and the GET/SET given are supported. */
    public static final int PROBE = 1 << 18;

    /** {@code offsetofend(struct vfio_device_feature, flags)}: argsz and flags, before the payload. */
    public static final int HEADER_SIZE = 8;

    /** {@code VFIO_DEVICE_FEATURE_PCI_VF_TOKEN}. */
    public static final int PCI_VF_TOKEN = 0;
    /** {@code VFIO_DEVICE_FEATURE_MIGRATION} (the vfio core's; vfio-pci has no migration). */
    public static final int MIGRATION = 1;
    /** {@code VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE} (the vfio core's). */
    public static final int MIG_DEVICE_STATE = 2;
    /** {@code VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY} (6.1+): SET only, no payload. */
    public static final int LOW_POWER_ENTRY = 3;
    /**
     * {@code VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP} (6.1+): SET only, payload
     * {@code struct vfio_device_low_power_entry_with_wakeup { __s32 wakeup_eventfd; __u32 reserved; }}.
     */
    public static final int LOW_POWER_ENTRY_WITH_WAKEUP = 4;
    /** {@code VFIO_DEVICE_FEATURE_LOW_POWER_EXIT} (6.1+): SET only, no payload. */
    public static final int LOW_POWER_EXIT = 5;

    /** {@code sizeof(struct vfio_device_low_power_entry_with_wakeup)}. */
    public static final int WAKEUP_PAYLOAD_SIZE = 8;

    /** The payload of {@link #LOW_POWER_ENTRY_WITH_WAKEUP} as user memory holds it (x86: little-endian, reserved 0). */
    public static byte[] wakeupPayload(int eventfd) {
        byte[] b = new byte[WAKEUP_PAYLOAD_SIZE];
        for (int i = 0; i < Integer.BYTES; i++) {
            b[i] = (byte) (eventfd >>> (8 * i));
        }
        return b;
    }

    /** The name of a feature number, for messages: "LOW_POWER_ENTRY", or the number itself. */
    public static String name(int feature) {
        return switch (feature) {
            case PCI_VF_TOKEN -> "PCI_VF_TOKEN";
            case MIGRATION -> "MIGRATION";
            case MIG_DEVICE_STATE -> "MIG_DEVICE_STATE";
            case LOW_POWER_ENTRY -> "LOW_POWER_ENTRY";
            case LOW_POWER_ENTRY_WITH_WAKEUP -> "LOW_POWER_ENTRY_WITH_WAKEUP";
            case LOW_POWER_EXIT -> "LOW_POWER_EXIT";
            default -> Integer.toString(feature);
        };
    }
}
