package org.pmlab.hw.api;

import java.util.Set;

/**
 * The PCI Power Management capability of a function.
 *
 * @param noSoftReset NoSoftRst+: D3hot to D0 keeps the configuration
 * @param pmeStates the states PME can be signalled from
 */
public record PmCapability(boolean d1, boolean d2, boolean noSoftReset, Set<PowerState> pmeStates) {
    public PmCapability {
        pmeStates = Set.copyOf(pmeStates);
        for (PowerState s : pmeStates) {
            if (s.value() < 0 || s.value() > 4) {
                throw new IllegalArgumentException("PME cannot be signalled from " + s);
            }
        }
    }

    /** D0, D3hot and D3cold support, NoSoftRst-, no PME: a typical endpoint. */
    public static PmCapability basic(boolean noSoftReset) {
        return new PmCapability(false, false, noSoftReset, Set.of());
    }

    public boolean pmeFrom(PowerState s) {
        return pmeStates.contains(s);
    }
}
