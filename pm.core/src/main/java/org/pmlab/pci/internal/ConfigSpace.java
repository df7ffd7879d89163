package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;

/**
 * The registers of one function that the model keeps, and what power does to them: a
 * NoSoftRst- function resets to "D0 uninitialized" on D3hot to D0, and a function without
 * power (D3cold, or below a bridge in D3cold) reads all-ones and comes back reset.
 */
@Kernel(file = "drivers/pci/pci.c")
final class ConfigSpace {

    static final int ALL_ONES_16 = 0xffff;

    /** Six BARs all zero (after a reset); shared, never written. */
    private static final int[] ZERO = new int[6];
    /** Six BARs reading all ones (saved while the function had no power); shared, never written. */
    private static final int[] ONES = {-1, -1, -1, -1, -1, -1};

    private final PciDev owner;

    /*
     * The PMCSR PowerState field (bits 1:0) and six flags, in one byte guarded by this object's
     * monitor (every method that touches them is synchronized): a million functions keep their
     * registers in 48 bytes each instead of 56.
     */
    private static final int POWER_STATE = 0x3;
    private static final int HAS_PM = 0x4;
    private static final int NO_SOFT_RESET = 0x8;
    private static final int PME_ENABLE = 0x10;
    /** Power was seen off: the next access with power back is a reset. */
    private static final int WAS_OFF = 0x20;
    /** Powered, but it never came out of reset: every read is all ones until its power is cut again. */
    private static final int DEAD = 0x40;
    /** {@code pci_save_state} has run: the saved copy below is held. */
    private static final int HAS_SAVED = 0x80;
    private byte bits;

    private int command;
    /**
     * The six BARs: {@code null} while they hold what firmware assigned (computed from the address),
     * {@link #ZERO} after a reset, else their own copy. Most functions keep no array.
     */
    private int[] bars;
    private int msiControl;
    /** {@code pci_dev_set_disconnected}: the PCI core refuses every config access. */
    private volatile boolean disconnected;
    /**
     * {@code pci_save_state}'s copy ({@code saved_config_space}: command, the six BARs, MSI control,
     * PMCSR), kept here as the kernel keeps it in {@code struct pci_dev}; the BARs as {@link #bars}.
     */
    private int savedCommand;
    private int[] savedBars;
    private int savedMsi;
    private int savedPmcsr;

    /** The function's registers as firmware left them at boot (its BARs assigned). */
    ConfigSpace(PciDev owner) {
        this.owner = owner;
        boolean hasPm = owner.spec.pm() != null;
        set(HAS_PM, hasPm);
        set(NO_SOFT_RESET, hasPm && owner.spec.pm().noSoftReset());
    }

    private boolean is(int flag) {
        return (bits & flag) != 0;
    }

    private void set(int flag, boolean on) {
        bits = (byte) (on ? bits | flag : bits & ~flag);
    }

    private int powerState() {
        return bits & POWER_STATE;
    }

    private void setPowerState(int state) {
        bits = (byte) (bits & ~POWER_STATE | state & POWER_STATE);
    }

    /** The BAR values as held: what firmware assigned, all zero, all ones or a copy of their own. */
    private int[] compact(int[] values) {
        if (Arrays.equals(values, ZERO)) {
            return ZERO;
        }
        if (Arrays.equals(values, ONES)) {
            return ONES;
        }
        return Arrays.equals(values, Enumeration.assignedBars(owner.bdf)) ? null : values.clone();
    }

    private int[] values(int[] held) {
        return held == null ? Enumeration.assignedBars(owner.bdf) : held;
    }

    /** Brings the registers in line with physical power: power coming back means a reset. */
    private boolean accessible() {
        if (disconnected) {
            return false; // the accessors refuse it; the hardware is not even asked
        }
        if (!owner.physicallyPowered()) {
            set(WAS_OFF, true);
            set(DEAD, false);
            return false;
        }
        if (is(WAS_OFF)) {
            set(WAS_OFF, false);
            if (owner.comesBack()) {
                resetToUninitialized();
            } else {
                set(DEAD, true);
            }
        }
        return !is(DEAD);
    }

    /** Power came or went: the registers see it now, not at the next access (a reset, or a function that stays dead). */
    synchronized void powerChanged() {
        accessible();
    }

    /** Config space answers now (reads are not all ones). */
    synchronized boolean answers() {
        return accessible();
    }

    /** Powered but not answering: it did not come back from a power loss. */
    synchronized boolean deadAfterPowerLoss() {
        accessible();
        return is(DEAD) && !disconnected;
    }

    void disconnect() {
        disconnected = true;
    }

    private void resetToUninitialized() {
        command = 0;
        bars = ZERO;
        msiControl = 0;
        setPowerState(0);
        set(PME_ENABLE, false);
    }

    synchronized ConfigRegisters snapshot() {
        if (!accessible()) {
            List<Integer> ones = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ones.add(0xffffffff);
            }
            return new ConfigRegisters(ALL_ONES_16, ones, ALL_ONES_16, ALL_ONES_16);
        }
        List<Integer> b = new ArrayList<>(6);
        for (int v : values(bars)) {
            b.add(v);
        }
        return new ConfigRegisters(command, b, msiControl, pmcsrValue());
    }

    /** PMCSR as read; all-ones when the function has no power. */
    synchronized int readPmcsr() {
        return accessible() ? pmcsrValue() : ALL_ONES_16;
    }

    private int pmcsrValue() {
        if (!is(HAS_PM)) {
            return 0;
        }
        return powerState() | (is(NO_SOFT_RESET) ? ConfigRegisters.PMCSR_NO_SOFT_RESET : 0)
                | (is(PME_ENABLE) ? ConfigRegisters.PMCSR_PME_ENABLE : 0);
    }

    /** Writes PMCSR: the PowerState field and PME_En. A NoSoftRst- function resets on D3hot to D0. */
    synchronized void writePmcsr(int value) {
        if (!is(HAS_PM) || !accessible()) {
            return;
        }
        int next = value & ConfigRegisters.PMCSR_STATE_MASK;
        if (powerState() == 3 && next == 0 && !is(NO_SOFT_RESET)) {
            resetToUninitialized();
        }
        setPowerState(next);
        set(PME_ENABLE, (value & ConfigRegisters.PMCSR_PME_ENABLE) != 0);
    }

    synchronized int command() {
        return accessible() ? command : ALL_ONES_16;
    }

    synchronized void writeCommand(int value) {
        if (accessible()) {
            command = value & 0xffff;
        }
    }

    /** {@code pci_restore_bars}: what the PCI core restores by itself after an internal reset. */
    @Kernel("pci_restore_bars")
    synchronized void restoreBars() {
        if (accessible()) {
            bars = null;
        }
    }

    /** {@code pci_save_state}: the registers as read now (all-ones when the function has no power). */
    synchronized void save() {
        if (!accessible()) {
            savedCommand = ALL_ONES_16;
            savedBars = ONES;
            savedMsi = ALL_ONES_16;
            savedPmcsr = ALL_ONES_16;
        } else {
            savedCommand = command;
            savedBars = bars; // never written in place: sharing is safe
            savedMsi = msiControl;
            savedPmcsr = pmcsrValue();
        }
        set(HAS_SAVED, true);
    }

    /** {@code pci_restore_state} from the saved copy. */
    synchronized void restoreSaved() {
        if (is(HAS_SAVED)) {
            restore(savedCopy());
        }
    }

    /** The saved copy as registers ({@code pci_store_saved_state}), or {@code null}. */
    synchronized ConfigRegisters savedRegisters() {
        return is(HAS_SAVED) ? savedCopy() : null;
    }

    /** Replaces the saved copy ({@code pci_load_saved_state}). */
    synchronized void loadSaved(ConfigRegisters r) {
        savedCommand = r.command();
        savedBars = compact(barValues(r));
        savedMsi = r.msiControl();
        savedPmcsr = r.pmcsr();
        set(HAS_SAVED, true);
    }

    private ConfigRegisters savedCopy() {
        int[] b = values(savedBars);
        return new ConfigRegisters(savedCommand, List.of(b[0], b[1], b[2], b[3], b[4], b[5]), savedMsi, savedPmcsr);
    }

    private static int[] barValues(ConfigRegisters r) {
        int[] b = new int[6];
        for (int i = 0; i < 6; i++) {
            b[i] = r.bars().get(i);
        }
        return b;
    }

    /** {@code pci_restore_state} for the registers the model keeps (PMCSR is not part of it). */
    @Kernel("pci_restore_state")
    synchronized void restore(ConfigRegisters saved) {
        if (!accessible()) {
            return;
        }
        command = saved.command();
        bars = compact(barValues(saved));
        msiControl = saved.msiControl();
    }

    /** A function reset (FLR, PM reset, bus reset): everything back to power-on values. */
    synchronized void functionReset() {
        if (accessible()) {
            resetToUninitialized();
        }
    }
}
