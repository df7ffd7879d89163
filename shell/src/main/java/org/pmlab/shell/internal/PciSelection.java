package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;

/**
 * Which functions a bulk command acts on, as {@code lspci -s} and {@code -d} select them: an
 * address pattern ({@code 0000:4?:*.*}, the domain may be left out), a class code
 * ({@code 0x0300}: base class and subclass, or {@code 0x03}, or all six digits), vendor and
 * device ({@code 10de:2230}, {@code 10de:*}) and a subtree (every function below a bridge). All
 * that are given must match.
 */
final class PciSelection {

    private static final Pattern ADDRESS_PATTERN = Pattern.compile(
            "(?:[0-9a-fA-F?*]{1,4}:)?[0-9a-fA-F?*]{1,2}:[0-9a-fA-F?*]{1,2}\\.[0-7?*]");
    private static final Pattern HEX = Pattern.compile("(?:0[xX])?([0-9a-fA-F]+)");

    private final List<Predicate<PciDevice>> tests = new ArrayList<>();
    private final List<String> words = new ArrayList<>();

    /** Whether the text is an address pattern (it has a wildcard) rather than one address. */
    static boolean isPattern(String text) {
        return text != null && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }

    /** An address pattern: {@code *} stands for any digits of one field, {@code ?} for one digit. */
    PciSelection address(String pattern) {
        if (!ADDRESS_PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("bad address pattern '" + pattern
                    + "': expected [DDDD:]BB:DD.F where any digit may be ? and any field *, such as 0000:4?:*.*");
        }
        String[] fields = pattern.toLowerCase(Locale.ROOT).split("[:.]");
        if (fields.length == 3) {
            fields = new String[] {"*", fields[0], fields[1], fields[2]};
        }
        int[] widths = {4, 2, 2, 1};
        for (int i = 0; i < 4; i++) { // a field without wildcards is a number: "1" is bus 01
            if (fields[i].indexOf('*') < 0 && fields[i].indexOf('?') < 0) {
                fields[i] = "0".repeat(widths[i] - fields[i].length()) + fields[i];
            }
        }
        String full = fields[0] + ":" + fields[1] + ":" + fields[2] + "." + fields[3];
        StringBuilder regex = new StringBuilder();
        for (char c : full.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[0-9a-f]*");
                case '?' -> regex.append("[0-9a-f]");
                case '.' -> regex.append("\\.");
                default -> regex.append(c);
            }
        }
        // each field has a fixed width in the printed address, so a field pattern matches whole fields
        Pattern compiled = Pattern.compile(regex.toString());
        tests.add(d -> compiled.matcher(d.bdf().toString()).matches());
        words.add("at " + pattern);
        return this;
    }

    /** A class code prefix: 2 hex digits are the base class, 4 add the subclass, 6 the programming interface. */
    PciSelection classCode(String text) {
        var m = HEX.matcher(text.strip());
        int digits = m.matches() ? m.group(1).length() : 0;
        if (digits != 2 && digits != 4 && digits != 6) {
            throw new IllegalArgumentException("bad class '" + text + "': expected 2, 4 or 6 hex digits such as 0x03 "
                    + "(display), 0x0300 (VGA compatible controller) or 0x030000");
        }
        int value = Integer.parseInt(m.group(1), 16);
        int shift = (6 - digits) * 4;
        tests.add(d -> d.spec().classCode() >>> shift == value);
        words.add("of class " + text.strip().toLowerCase(Locale.ROOT));
        return this;
    }

    /** {@code VENDOR:DEVICE} in hex; either may be {@code *} (or left empty). */
    PciSelection ids(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("bad id '" + text + "': expected VENDOR:DEVICE in hex such as 10de:2230 or 10de:*");
        }
        int vendor = idPart(text, parts[0]);
        int device = idPart(text, parts[1]);
        tests.add(d -> (vendor < 0 || d.spec().vendor() == vendor) && (device < 0 || d.spec().device() == device));
        words.add("with id " + text.strip().toLowerCase(Locale.ROOT));
        return this;
    }

    private static int idPart(String text, String part) {
        if (part.isEmpty() || part.equals("*")) {
            return -1;
        }
        var m = HEX.matcher(part);
        if (!m.matches() || m.group(1).length() > 4) {
            throw new IllegalArgumentException("bad id '" + text + "': '" + part + "' is not a 16-bit hex number");
        }
        return Integer.parseInt(m.group(1), 16);
    }

    /** Every function below the bridge (not the bridge itself). */
    PciSelection below(Machine m, String bridgeText) {
        Bdf bridge = Lookup.pci(m, bridgeText).bdf();
        if (!m.pci().get(bridge).isBridge()) {
            throw new IllegalArgumentException(bridge + " is not a bridge: no function sits below it");
        }
        tests.add(d -> isBelow(d, bridge));
        words.add("below " + bridge);
        return this;
    }

    private static boolean isBelow(PciDevice d, Bdf bridge) {
        for (PciDevice up = d.upstreamBridge().orElse(null); up != null; up = up.upstreamBridge().orElse(null)) {
            if (up.bdf().equals(bridge)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return tests.isEmpty();
    }

    boolean matches(PciDevice d) {
        for (Predicate<PciDevice> t : tests) {
            if (!t.test(d)) {
                return false;
            }
        }
        return true;
    }

    /** The functions that match, in address order. */
    List<PciDevice> select(Machine m) {
        List<PciDevice> out = new ArrayList<>();
        for (PciDevice d : m.pci().devices()) {
            if (matches(d)) {
                out.add(d);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no PCI function " + this);
        }
        return out;
    }

    /** "at 0000:4?:*.* of class 0x0300", as the error sentences use it. */
    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
