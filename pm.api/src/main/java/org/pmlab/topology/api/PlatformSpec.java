package org.pmlab.topology.api;

/**
 * Platform facts the kernel reads from DMI.
 *
 * @param biosYear {@code dmi_get_bios_year()}; bridges may go to D3 from 2015 on
 */
public record PlatformSpec(String vendor, int biosYear) {
    public PlatformSpec {
        if (biosYear < 1990 || biosYear > 2100) {
            throw new IllegalArgumentException("BIOS year out of range (1990-2100): " + biosYear);
        }
    }

    public PlatformSpec withBiosYear(int year) {
        return new PlatformSpec(vendor, year);
    }
}
