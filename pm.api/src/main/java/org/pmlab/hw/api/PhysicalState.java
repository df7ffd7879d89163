package org.pmlab.hw.api;

/**
 * What a PCI function physically draws power as, at one moment: its {@code current_state},
 * split where the energy differs. D0 (and {@code unknown}, the power-on state) is split by
 * whether the function is enabled ({@code enable_cnt} &gt; 0: a driver or a vfio user called
 * {@code pci_enable_device}); a function the kernel records in D3cold but that still has main
 * power (its power resource held by another device) is physically in D3hot.
 */
public enum PhysicalState {
    D0_ACTIVE("D0-active"),
    D0_IDLE("D0-idle"),
    D1("D1"),
    D2("D2"),
    D3HOT("D3hot"),
    D3COLD("D3cold");

    private final String label;

    PhysicalState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** At least as much power as D0: a function in this state is powered and not in a low-power state. */
    public boolean isD0() {
        return this == D0_ACTIVE || this == D0_IDLE;
    }

    @Override
    public String toString() {
        return label;
    }
}
