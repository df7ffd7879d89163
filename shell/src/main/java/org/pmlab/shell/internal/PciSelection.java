package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;

/**
 * Which functions a bulk command acts on, as {@code lspci -s} and {@code -d} select them: an
 * address or address pattern, a class code, vendor and device, and a subtree (every function
 * below a bridge). All that are given must match.
 */
final class PciSelection {

    private final List<Predicate<PciDevice>> tests = new ArrayList<>();
    private final List<String> words = new ArrayList<>();

    /**
     * The selection the options and the target of a bulk command make.
     *
     * @param target an address or a pattern, or {@code null}
     * @throws IllegalArgumentException when nothing is given, or the bridge is not one
     */
    static PciSelection of(Machine m, Args.PciClass classCode, Args.PciIds ids, Args.BridgeBdf below,
            Args.PciAddresses target) {
        PciSelection s = new PciSelection();
        if (target != null) {
            s.address(target);
        }
        if (!classCode.absent()) {
            s.tests.add(d -> classCode.matches(d.spec().classCode()));
            s.words.add("of class " + classCode);
        }
        if (!ids.absent()) {
            s.tests.add(d -> ids.matches(d.spec().vendor(), d.spec().device()));
            s.words.add("with id " + ids);
        }
        if (!below.absent()) {
            s.below(m, below.bdf());
        }
        if (s.tests.isEmpty()) {
            throw new UsageException("nothing selected: give an address, a pattern, --class, --id or --below");
        }
        return s;
    }

    /** An address, or a pattern where {@code *} stands for any digits of one field and {@code ?} for one digit. */
    private void address(Args.PciAddresses target) {
        if (!target.isPattern()) {
            Bdf one = target.bdf();
            tests.add(d -> d.bdf().equals(one));
            words.add("at " + one);
            return;
        }
        String[] fields = target.text().split("[:.]");
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
        words.add("at " + target);
    }

    /** Every function below the bridge (not the bridge itself). */
    private void below(Machine m, Bdf bridge) {
        if (!m.pci().get(bridge).isBridge()) {
            throw new IllegalArgumentException(bridge + " is not a bridge: no function sits below it");
        }
        tests.add(d -> isBelow(d, bridge));
        words.add("below " + bridge);
    }

    private static boolean isBelow(PciDevice d, Bdf bridge) {
        for (PciDevice up = d.upstreamBridge().orElse(null); up != null; up = up.upstreamBridge().orElse(null)) {
            if (up.bdf().equals(bridge)) {
                return true;
            }
        }
        return false;
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
