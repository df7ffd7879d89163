package org.pmlab.sim.api;

/**
 * The {@code pcie_port_pm=} kernel parameter (drivers/pci/pci.c, pcie_port_pm_setup). The
 * kernel accepts only "off" and "force"; any other value leaves the default.
 */
public enum PciePortPm {
    DEFAULT("default"), OFF("off"), FORCE("force");

    private final String word;

    PciePortPm(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /**
     * Parses the parameter's value. "on" and "default" select the default, as the kernel
     * ignores any value but off and force.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PciePortPm parse(String text) {
        return switch (text.trim()) {
            case "off" -> OFF;
            case "force" -> FORCE;
            case "on", "default", "" -> DEFAULT;
            default -> throw new IllegalArgumentException(
                    "bad pcie_port_pm value '" + text + "': expected off, force or default");
        };
    }
}
