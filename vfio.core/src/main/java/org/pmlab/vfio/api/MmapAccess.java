package org.pmlab.vfio.api;

/**
 * What a CPU load or store through a user mapping of a BAR ends in. It is no system call, so no
 * errno: the access completes, or the process gets a signal.
 */
public enum MmapAccess {
    /** The access reached the device (through the page tables, or after a fault that populated them). */
    DONE,
    /** {@code vfio_pci_mmap_fault} refused: low power engaged, memory decoding off, or the device in D3hot or deeper. */
    SIGBUS,
    /** The address is not mapped (the mapping was never made or has been unmapped). */
    SIGSEGV
}
