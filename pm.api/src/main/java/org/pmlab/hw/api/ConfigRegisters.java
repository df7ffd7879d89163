package org.pmlab.hw.api;

import java.util.List;

/**
 * The part of a function's configuration space the model keeps: enough to see what a state
 * change or a reset does to it. A NoSoftRst- function loses all of it on D3hot to D0.
 *
 * @param command the Command register (bit 0 I/O, 1 memory, 2 bus master, 10 INTx disable)
 * @param bars the six BAR registers
 * @param msiControl the MSI Message Control register (bit 0: enable)
 * @param pmcsr the PM Control/Status register (bits 1:0 PowerState, bit 3 NoSoftRst, bit 8 PME_En)
 */
public record ConfigRegisters(int command, List<Integer> bars, int msiControl, int pmcsr) {
    public ConfigRegisters {
        bars = List.copyOf(bars);
    }

    public static final int COMMAND_IO = 0x1;
    public static final int COMMAND_MEMORY = 0x2;
    public static final int COMMAND_MASTER = 0x4;
    public static final int COMMAND_INTX_DISABLE = 0x400;
    public static final int PMCSR_STATE_MASK = 0x3;
    public static final int PMCSR_NO_SOFT_RESET = 0x8;
    public static final int PMCSR_PME_ENABLE = 0x100;
}
