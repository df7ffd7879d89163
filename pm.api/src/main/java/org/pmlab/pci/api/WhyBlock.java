package org.pmlab.pci.api;

import java.util.List;
import org.pmlab.hw.api.Bdf;

/**
 * Why one function is in its power state: the decisions in the kernel's order, and what would let
 * it go lower, in the user's words.
 *
 * @param heading the function, its driver, {@code power_state} and {@code runtime_status}
 * @param lower the knobs that would let it go lower; empty when nothing would
 */
public record WhyBlock(Bdf bdf, String heading, List<WhyLine> lines, List<String> lower) {
    public WhyBlock {
        lines = List.copyOf(lines);
        lower = List.copyOf(lower);
    }
}
