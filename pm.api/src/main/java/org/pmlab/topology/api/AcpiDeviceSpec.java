package org.pmlab.topology.api;

import java.util.List;

/**
 * The ACPI companion of a PCI function: which power-management objects it has.
 *
 * @param path the ACPI namespace path, e.g. {@code \_SB.PCI0.RP01}
 * @param pr0 power resources listed by {@code _PR0}
 * @param pr3 power resources listed by {@code _PR3}
 * @param s0w {@code _S0W}: the deepest state from which the device can wake in S0 (0-4), or {@code null} if absent
 * @param prw has {@code _PRW} (can wake the system)
 * @param hotplugSupportInD3 {@code _DSD} property HotPlugSupportInD3 = 1
 * @param ej0 has {@code _EJ0} (ejectable)
 */
public record AcpiDeviceSpec(String path, boolean ps0, boolean ps3, boolean psc, List<String> pr0, List<String> pr3,
        Integer s0w, boolean prw, boolean hotplugSupportInD3, boolean ej0) {
    public AcpiDeviceSpec {
        pr0 = List.copyOf(pr0);
        pr3 = List.copyOf(pr3);
        if (s0w != null && (s0w < 0 || s0w > 4)) {
            throw new IllegalArgumentException("_S0W must be 0..4, got " + s0w);
        }
    }

    /** Power manageable: has {@code _PS0} or a non-empty {@code _PR0}. */
    public boolean powerManageable() {
        return ps0 || !pr0.isEmpty();
    }
}
