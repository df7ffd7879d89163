package org.pmlab.hw.api;

/** {@code pci_power_t} with the names {@code power_state} prints. */
public enum PowerState {
    ERROR(-1, "error"),
    D0(0, "D0"),
    D1(1, "D1"),
    D2(2, "D2"),
    D3HOT(3, "D3hot"),
    D3COLD(4, "D3cold"),
    UNKNOWN(5, "unknown");

    private final int value;
    private final String label;

    PowerState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    /** The kernel's numeric value (PCI_D0 = 0 ... PCI_UNKNOWN = 5, PCI_POWER_ERROR = -1). */
    public int value() {
        return value;
    }

    /** The kernel's name, as in {@code power_state}. */
    public String label() {
        return label;
    }

    /** Deeper than the other state (by value, as the kernel compares pci_power_t). */
    public boolean deeperThan(PowerState other) {
        return value > other.value;
    }

    public static PowerState ofValue(int v) {
        for (PowerState s : values()) {
            if (s.value == v) {
                return s;
            }
        }
        throw new IllegalArgumentException("no PCI power state with value " + v);
    }

    /**
     * Parses a label ("D3hot", case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PowerState parse(String text) {
        for (PowerState s : values()) {
            if (s.label.equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown PCI power state '" + text + "': expected D0, D1, D2, D3hot or D3cold");
    }

    @Override
    public String toString() {
        return label;
    }
}
