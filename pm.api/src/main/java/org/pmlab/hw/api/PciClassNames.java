package org.pmlab.hw.api;

import java.util.Map;

/**
 * Human names of PCI class codes, as {@code lspci} prints them (pciutils' class table, after the
 * PCI Code and ID Assignment specification): the one table pmlab names classes from, for
 * listings and for devices whose topology entry has no label. Only base class and subclass
 * matter; the programming interface (low byte) does not change the name.
 */
public final class PciClassNames {

    private static final Map<Integer, String> BASE = Map.ofEntries(
            Map.entry(0x00, "Unclassified device"),
            Map.entry(0x01, "Mass storage controller"),
            Map.entry(0x02, "Network controller"),
            Map.entry(0x03, "Display controller"),
            Map.entry(0x04, "Multimedia controller"),
            Map.entry(0x05, "Memory controller"),
            Map.entry(0x06, "Bridge"),
            Map.entry(0x07, "Communication controller"),
            Map.entry(0x08, "Generic system peripheral"),
            Map.entry(0x09, "Input device controller"),
            Map.entry(0x0a, "Docking station"),
            Map.entry(0x0b, "Processor"),
            Map.entry(0x0c, "Serial bus controller"),
            Map.entry(0x0d, "Wireless controller"),
            Map.entry(0x0e, "Intelligent controller"),
            Map.entry(0x0f, "Satellite communications controller"),
            Map.entry(0x10, "Encryption controller"),
            Map.entry(0x11, "Signal processing controller"),
            Map.entry(0x12, "Processing accelerators"),
            Map.entry(0x13, "Non-Essential Instrumentation"),
            Map.entry(0x40, "Coprocessor"));

    /** Keyed by base class << 8 | subclass. */
    private static final Map<Integer, String> SUB = Map.ofEntries(
            Map.entry(0x0000, "Non-VGA unclassified device"),
            Map.entry(0x0001, "VGA compatible unclassified device"),
            Map.entry(0x0100, "SCSI storage controller"),
            Map.entry(0x0101, "IDE interface"),
            Map.entry(0x0104, "RAID bus controller"),
            Map.entry(0x0105, "ATA controller"),
            Map.entry(0x0106, "SATA controller"),
            Map.entry(0x0107, "Serial Attached SCSI controller"),
            Map.entry(0x0108, "Non-Volatile memory controller"),
            Map.entry(0x0200, "Ethernet controller"),
            Map.entry(0x0207, "Infiniband controller"),
            Map.entry(0x0208, "Fabric controller"),
            Map.entry(0x0300, "VGA compatible controller"),
            Map.entry(0x0301, "XGA compatible controller"),
            Map.entry(0x0302, "3D controller"),
            Map.entry(0x0400, "Multimedia video controller"),
            Map.entry(0x0401, "Multimedia audio controller"),
            Map.entry(0x0403, "Audio device"),
            Map.entry(0x0500, "RAM memory"),
            Map.entry(0x0501, "FLASH memory"),
            Map.entry(0x0600, "Host bridge"),
            Map.entry(0x0601, "ISA bridge"),
            Map.entry(0x0604, "PCI bridge"),
            Map.entry(0x0607, "CardBus bridge"),
            Map.entry(0x0700, "Serial controller"),
            Map.entry(0x0780, "Communication controller"),
            Map.entry(0x0804, "PCI hot-plug controller"),
            Map.entry(0x0805, "SD Host controller"),
            Map.entry(0x0806, "IOMMU"),
            Map.entry(0x0880, "System peripheral"),
            Map.entry(0x0b40, "Co-processor"),
            Map.entry(0x0c00, "FireWire (IEEE 1394)"),
            Map.entry(0x0c03, "USB controller"),
            Map.entry(0x0c04, "Fibre Channel"),
            Map.entry(0x0c05, "SMBus"),
            Map.entry(0x0c07, "IPMI Interface"),
            Map.entry(0x0c80, "Serial bus controller"),
            Map.entry(0x0d11, "Bluetooth"),
            Map.entry(0x1000, "Network and computing encryption device"),
            Map.entry(0x1180, "Signal processing controller"),
            Map.entry(0x1200, "Processing accelerators"));

    private PciClassNames() {
    }

    /** The name for a 24-bit class code: the subclass name if known, else the base class name, else the number. */
    public static String of(int classCode) {
        int baseAndSub = classCode >>> 8;
        String name = SUB.get(baseAndSub);
        if (name == null) {
            name = BASE.get(baseAndSub >>> 8);
        }
        return name != null ? name : String.format("Class %04x", baseAndSub);
    }
}
