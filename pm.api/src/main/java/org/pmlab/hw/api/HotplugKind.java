package org.pmlab.hw.api;

/** Whether a port has a hot-plug slot, and who handles its hot-plug events. */
public enum HotplugKind {
    /** Not hot-plug capable. */
    NONE("none"),
    /** Handled by the kernel's native PCIe hot-plug driver (pciehp). */
    NATIVE("native"),
    /** Handled by platform firmware (ACPI hot-plug, acpiphp or SMM). */
    FIRMWARE("firmware");

    private final String word;

    HotplugKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static HotplugKind parse(String text) {
        for (HotplugKind k : values()) {
            if (k.word.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown hotplug kind '" + text + "': expected none, native or firmware");
    }
}
