package org.pmlab.firmware.acpi.internal;

import org.pmlab.hw.api.PowerState;

/**
 * ACPI device power states ({@code ACPI_STATE_D0} .. {@code ACPI_STATE_D3_COLD},
 * {@code ACPI_STATE_UNKNOWN}) with the kernel's numbers and {@code acpi_power_state_string} names.
 * UNKNOWN is 0xff, so in every "deeper/shallower" comparison it counts as deepest, as in C.
 */
enum AcpiState {
    D0(0, "D0"),
    D1(1, "D1"),
    D2(2, "D2"),
    D3HOT(3, "D3hot"),
    D3COLD(4, "D3cold"),
    UNKNOWN(0xff, "(unknown)");

    private static final AcpiState[] BY_VALUE = {D0, D1, D2, D3HOT, D3COLD};

    private final int value;
    private final String label;

    AcpiState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    int value() {
        return value;
    }

    String label() {
        return label;
    }

    boolean shallowerThan(AcpiState other) {
        return value < other.value;
    }

    /** D0 .. D3cold by number; anything else is UNKNOWN. */
    static AcpiState ofValue(int v) {
        return v >= 0 && v < BY_VALUE.length ? BY_VALUE[v] : UNKNOWN;
    }

    /** The {@code state_conv} of {@code acpi_pci_set_power_state}; {@code null} for states it rejects. */
    static AcpiState ofPci(PowerState s) {
        return switch (s) {
            case D0 -> D0;
            case D1 -> D1;
            case D2 -> D2;
            case D3HOT -> D3HOT;
            case D3COLD -> D3COLD;
            default -> null;
        };
    }

    /** The {@code state_conv} of {@code acpi_pci_get_power_state}. */
    PowerState toPci() {
        return switch (this) {
            case D0 -> PowerState.D0;
            case D1 -> PowerState.D1;
            case D2 -> PowerState.D2;
            case D3HOT -> PowerState.D3HOT;
            case D3COLD -> PowerState.D3COLD;
            case UNKNOWN -> PowerState.UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
