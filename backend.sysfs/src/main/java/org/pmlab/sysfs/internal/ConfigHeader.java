package org.pmlab.sysfs.internal;

import java.util.EnumSet;
import java.util.Set;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PowerState;

/**
 * What an import needs from a function's binary configuration space (the sysfs {@code config}
 * file): the header type and the standard capability list, walked for the PCI Power Management
 * capability (ID 0x01) and the PCI Express capability (ID 0x10). Only the bytes that could be
 * read are used; an unprivileged read returns the first 64, which hold no capability.
 */
final class ConfigHeader {

    static final int CAP_PM = 0x01;
    static final int CAP_EXP = 0x10;

    /** What the capability walk found out. */
    enum Walk {
        /** The whole list was read. */
        COMPLETE,
        /** The list goes beyond the bytes that could be read. */
        TRUNCATED
    }

    /** PCIe Device/Port Type (PCI_EXP_FLAGS_TYPE). */
    static final int EXP_ENDPOINT = 0x0;
    static final int EXP_LEG_ENDPOINT = 0x1;
    static final int EXP_ROOT_PORT = 0x4;
    static final int EXP_UPSTREAM = 0x5;
    static final int EXP_DOWNSTREAM = 0x6;

    private final byte[] b;
    private final Walk walk;
    private final int pmAt;
    private final int expAt;

    ConfigHeader(byte[] bytes) {
        this.b = bytes;
        int pm = 0;
        int exp = 0;
        Walk w = Walk.COMPLETE;
        if (bytes.length < 64) {
            w = Walk.TRUNCATED;
        } else if ((word(0x06) & 0x10) != 0) { // Status: Capabilities List
            int ptr = byteAt(headerType() == 2 ? 0x14 : 0x34) & 0xfc;
            for (int ttl = 48; ptr >= 0x40 && ttl > 0; ttl--) { // the kernel's PCI_FIND_CAP_TTL
                if (ptr + 8 > bytes.length) {
                    w = Walk.TRUNCATED;
                    break;
                }
                int id = byteAt(ptr);
                if (id == 0xff) {
                    break;
                }
                if (id == CAP_PM && pm == 0) {
                    pm = ptr;
                } else if (id == CAP_EXP && exp == 0) {
                    exp = ptr;
                }
                ptr = byteAt(ptr + 1) & 0xfc;
            }
        }
        this.walk = w;
        this.pmAt = pm;
        this.expAt = exp;
    }

    Walk walk() {
        return walk;
    }

    boolean complete() {
        return walk == Walk.COMPLETE;
    }

    /** Header type 0 (function), 1 (PCI-to-PCI bridge), 2 (CardBus bridge); -1 if unread. */
    int headerType() {
        return b.length > 0x0e ? byteAt(0x0e) & 0x7f : -1;
    }

    boolean hasPm() {
        return pmAt != 0;
    }

    boolean hasExp() {
        return expAt != 0;
    }

    /** The PM capability: PMC bit 9 D1, bit 10 D2, bits 15:11 PME from D0..D3cold; PMCSR bit 3 NoSoftRst. */
    PmCapability pm() {
        int pmc = word(pmAt + 2);
        int pmcsr = word(pmAt + 4);
        Set<PowerState> pme = EnumSet.noneOf(PowerState.class);
        PowerState[] from = {PowerState.D0, PowerState.D1, PowerState.D2, PowerState.D3HOT, PowerState.D3COLD};
        for (int i = 0; i < from.length; i++) {
            if ((pmc & (1 << (11 + i))) != 0) {
                pme.add(from[i]);
            }
        }
        return new PmCapability((pmc & 0x200) != 0, (pmc & 0x400) != 0, (pmcsr & 0x8) != 0, pme);
    }

    /** PCI_EXP_FLAGS bits 7:4. */
    int expType() {
        return (word(expAt + 2) >> 4) & 0xf;
    }

    /** PCI_EXP_FLAGS_SLOT: the port leads to a slot. */
    boolean expSlot() {
        return (word(expAt + 2) & 0x100) != 0;
    }

    /** PCI_EXP_DEVCAP_FLR (Device Capabilities bit 28). */
    boolean flr() {
        return hasExp() && expAt + 8 <= b.length && (dword(expAt + 4) & (1 << 28)) != 0;
    }

    /** PCI_EXP_SLTCAP_HPC (Slot Capabilities bit 6), for a port with a slot. */
    boolean hotplugCapable() {
        return hasExp() && expSlot() && expAt + 0x18 <= b.length && (dword(expAt + 0x14) & 0x40) != 0;
    }

    private int byteAt(int at) {
        return b[at] & 0xff;
    }

    private int word(int at) {
        return byteAt(at) | byteAt(at + 1) << 8;
    }

    private int dword(int at) {
        return word(at) | word(at + 2) << 16;
    }
}
