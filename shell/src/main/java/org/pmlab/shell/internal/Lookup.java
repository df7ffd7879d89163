package org.pmlab.shell.internal;

import java.util.regex.Pattern;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;

/**
 * Turns what the user typed into model objects, with the value types' own parsers. Commands take
 * text rather than Gogo-converted types because Gogo drops a converter's message and reports
 * only "Cannot coerce"; the user should read why the value is wrong.
 */
final class Lookup {
    private Lookup() {
    }

    private static final Pattern BDF_SHAPE = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\p{XDigit}");

    /**
     * Parses a BDF. Text of the right shape that no function can have (device above 1f,
     * function above 7) names no device, as a sysfs lookup by name would say.
     */
    static Bdf bdf(String text) {
        try {
            return Bdf.parse(text);
        } catch (IllegalArgumentException e) {
            if (text != null && BDF_SHAPE.matcher(text).matches()) {
                String why = e.getMessage();
                int colon = why.lastIndexOf(": ");
                throw new IllegalArgumentException("no PCI device " + text.toLowerCase()
                        + (colon >= 0 ? " (" + why.substring(colon + 2) + ")" : ""));
            }
            throw e;
        }
    }

    static PciDevice pci(Machine m, String text) {
        return m.pci().get(bdf(text));
    }
}
