package org.pmlab.hw.api;

import java.util.regex.Pattern;

/** A PCI function address, printed and parsed as {@code DDDD:BB:DD.F} (lower-case hex). */
public record Bdf(int domain, int bus, int device, int function) implements Comparable<Bdf> {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-9a-fA-F]");

    public Bdf {
        if (domain < 0 || domain > 0xffff) {
            throw new IllegalArgumentException("PCI domain out of range: " + domain);
        }
        if (bus < 0 || bus > 0xff) {
            throw new IllegalArgumentException("PCI bus out of range: " + bus);
        }
        if (device < 0 || device > 0x1f) {
            throw new IllegalArgumentException("PCI device number out of range (0-1f): " + Integer.toHexString(device));
        }
        if (function < 0 || function > 7) {
            throw new IllegalArgumentException("PCI function out of range (0-7): " + function);
        }
    }

    /**
     * Parses {@code DDDD:BB:DD.F}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Bdf parse(String text) {
        if (text != null && text.length() == 12 && text.charAt(4) == ':' && text.charAt(7) == ':' && text.charAt(10) == '.') {
            // the common case without a regular expression; anything unusual takes the checked path below
            int dom = hex(text, 0, 4);
            int b = hex(text, 5, 7);
            int d = hex(text, 8, 10);
            int f = hex(text, 11, 12);
            if (dom >= 0 && b >= 0 && d >= 0 && d <= 0x1f && f >= 0 && f <= 7) {
                return new Bdf(dom, b, d, f);
            }
        }
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("malformed BDF '" + text + "': expected DDDD:BB:DD.F such as 0000:01:00.0");
        }
        int dom = Integer.parseInt(text.substring(0, 4), 16);
        int b = Integer.parseInt(text.substring(5, 7), 16);
        int d = Integer.parseInt(text.substring(8, 10), 16);
        int f = Integer.parseInt(text.substring(11), 16);
        if (d > 0x1f) {
            throw new IllegalArgumentException("malformed BDF '" + text + "': device number " + text.substring(8, 10) + " is above 1f");
        }
        if (f > 7) {
            throw new IllegalArgumentException("malformed BDF '" + text + "': function " + text.substring(11) + " is above 7");
        }
        return new Bdf(dom, b, d, f);
    }

    /** The hex number in {@code text[from, to)}, or -1 if a character is not a hex digit. */
    private static int hex(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') { // Character.digit also takes non-ASCII digits
                return -1;
            }
            v = v << 4 | digit;
        }
        return v;
    }

    /** The devfn byte: device << 3 | function. */
    public int devfn() {
        return device << 3 | function;
    }

    /** The address {@code offset} functions further on (SR-IOV VF numbering: devfn arithmetic, carrying into the bus). */
    public Bdf plusRoutingId(int offset) {
        int rid = (bus << 8 | devfn()) + offset;
        return new Bdf(domain, (rid >> 8) & 0xff, (rid >> 3) & 0x1f, rid & 7);
    }

    @Override
    public int compareTo(Bdf o) {
        int c = Integer.compare(domain, o.domain);
        if (c == 0) {
            c = Integer.compare(bus, o.bus);
        }
        if (c == 0) {
            c = Integer.compare(devfn(), o.devfn());
        }
        return c;
    }

    /**
     * The domain and routing ID packed into one int, then mixed (MurmurHash3's finaliser, a
     * bijection): distinct for every address and spread over the low bits hash tables use. The
     * record's own hash gives whole groups of addresses one value on a host of many domains.
     */
    @Override
    public int hashCode() {
        int h = domain << 16 | bus << 8 | devfn();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    @Override
    public String toString() {
        // on every path that names a device: built by hand, String.format costs a parse per call
        char[] c = new char[12];
        hex(c, 0, domain, 4);
        c[4] = ':';
        hex(c, 5, bus, 2);
        c[7] = ':';
        hex(c, 8, device, 2);
        c[10] = '.';
        hex(c, 11, function, 1);
        return new String(c);
    }

    private static void hex(char[] out, int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = Character.forDigit(value & 0xf, 16);
            value >>>= 4;
        }
    }
}
