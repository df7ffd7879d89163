package org.pmlab.shell.internal;

import java.util.Map;

/** The PCI class names lspci prints (from the PCI code and ID assignment specification). */
final class PciNames {
    private PciNames() {
    }

    private static final Map<Integer, String> SUBCLASSES = Map.ofEntries(
            Map.entry(0x0100, "SCSI storage controller"), Map.entry(0x0106, "SATA controller"),
            Map.entry(0x0108, "Non-Volatile memory controller"), Map.entry(0x0200, "Ethernet controller"),
            Map.entry(0x0280, "Network controller"), Map.entry(0x0300, "VGA compatible controller"),
            Map.entry(0x0302, "3D controller"), Map.entry(0x0380, "Display controller"),
            Map.entry(0x0403, "Audio device"), Map.entry(0x0600, "Host bridge"), Map.entry(0x0601, "ISA bridge"),
            Map.entry(0x0604, "PCI bridge"), Map.entry(0x0c03, "USB controller"), Map.entry(0x0c05, "SMBus"),
            Map.entry(0x1200, "Processing accelerators"), Map.entry(0x0880, "System peripheral"));

    static String className(int classCode) {
        String n = SUBCLASSES.get(classCode >> 8);
        return n != null ? n : String.format("Class %04x", classCode >> 8);
    }
}
