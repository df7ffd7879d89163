package org.pmlab.pci.api;

import java.util.Objects;

/**
 * One decision the kernel took about a function's power, as {@code pci:why} shows it: the kernel
 * function that took it and the value it decided on, with what followed.
 *
 * @param depth 0 for a decision about the function itself, 1 for one about a child or holder it names
 * @param function the kernel function, e.g. {@code pci_bridge_d3_possible}
 * @param detail the deciding value and the consequence, e.g. {@code BIOS year 2014 < 2015 -> 0}
 */
public record WhyLine(int depth, String function, String detail) {
    public WhyLine {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(detail, "detail");
    }

    public static WhyLine of(String function, String detail) {
        return new WhyLine(0, function, detail);
    }

    public WhyLine nested() {
        return new WhyLine(depth + 1, function, detail);
    }

    @Override
    public String toString() {
        return "  ".repeat(depth) + function + ": " + detail;
    }
}
