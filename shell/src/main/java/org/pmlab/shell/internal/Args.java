package org.pmlab.shell.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandSession;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pm.api.Errno;

/**
 * The argument types pmlab commands take besides the model's own values ({@link Bdf},
 * {@code KernelVersion}, {@code java.time.Duration}). Each says, by its type, what the text
 * names, so that conversion, {@code help} and completion treat it alike; each {@code parse}
 * checks what can be checked without the machine and says what is wrong in the user's words.
 * Names of the machine's things (devices, drivers, fault points) are checked against the live
 * machine by the command that uses them.
 */
final class Args {
    private Args() {
    }

    private static final Pattern BDF_SHAPE = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\p{XDigit}");

    /** Text shaped like a BDF, in any letter case: the one way it is recognised everywhere. */
    static boolean looksLikeBdf(String text) {
        return text != null && BDF_SHAPE.matcher(text).matches();
    }

    private static String nonEmpty(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("bad " + what + " '" + text.replaceAll("\\p{Cntrl}", "?")
                    + "': control characters are not allowed");
        }
        return text;
    }

    /** A runtime PM device: a bare device's name or a PCI function's BDF (any letter case). */
    record DeviceName(String text) {
        static DeviceName parse(String text) {
            String t = nonEmpty(text, "device name");
            return new DeviceName(looksLikeBdf(t) ? t.toLowerCase(Locale.ROOT) : t);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A PCI driver's name, as under /sys/bus/pci/drivers. */
    record DriverName(String text) {
        static DriverName parse(String text) {
            return new DriverName(nonEmpty(text, "driver name"));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A firmware model's name, or {@code native} for none. */
    record FirmwareName(String text) {
        static FirmwareName parse(String text) {
            return new FirmwareName(nonEmpty(text, "firmware name"));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A fault point's name, as {@code sim:fault list} shows it. */
    record FaultPointName(String text) {
        static FaultPointName parse(String text) {
            return new FaultPointName(nonEmpty(text, "fault point"));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** What a fault is armed on: a PCI function (its BDF, any letter case) or a power resource. */
    record FaultTarget(String text) {
        static FaultTarget parse(String text) {
            String t = nonEmpty(text, "fault target");
            return new FaultTarget(looksLikeBdf(t) ? Bdf.parse(t).toString() : t);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A path in the modelled sysfs tree: taken literally (pmlab never expands it against the
     * host's files), absolute, under /sys.
     */
    record SysfsPath(String text) {
        static SysfsPath parse(String text) {
            String t = nonEmpty(text, "sysfs path");
            if (!t.startsWith("/")) {
                throw new IllegalArgumentException("bad sysfs path '" + t + "': expected an absolute path under /sys");
            }
            return new SysfsPath(t);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Text to write into a sysfs attribute: anything, the empty text included (writing a lone
     * newline clears {@code driver_override}); the attribute's store decides.
     */
    record SysfsValue(String text) {
        static SysfsValue parse(String text) {
            return new SysfsValue(text == null ? "" : text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A file or directory of the host (a topology to save, a mirror root): relative paths are
     * resolved against the shell's current directory ({@code cd}).
     */
    record HostPath(String text) {
        /** An option's absent value ({@code absentValue = HostPath.ABSENT}): no path given. */
        static final String ABSENT = "\u0000absent";

        static HostPath parse(String text) {
            return ABSENT.equals(text) ? new HostPath(ABSENT) : new HostPath(nonEmpty(text, "path"));
        }

        boolean absent() {
            return ABSENT.equals(text);
        }

        Path resolve(CommandSession session) {
            Path p = Path.of(text);
            Path cwd = session == null ? null : session.currentDir();
            return (cwd == null ? p.toAbsolutePath() : cwd.resolve(p)).normalize();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A kernel error: {@code -EIO}, {@code EIO}, {@code -5} or {@code 5}; the value is negative. */
    record ErrnoValue(int negative) {
        static ErrnoValue parse(String text) {
            return new ErrnoValue(Errno.parseNegative(nonEmpty(text, "errno")));
        }

        @Override
        public String toString() {
            return Errno.describe(negative);
        }
    }

    /** A vfio device as its user holds it: the BDF of an open device, or an fd number. */
    record VfioHandle(String text) {
        static VfioHandle parse(String text) {
            String t = nonEmpty(text, "device or fd").trim();
            if (!looksLikeBdf(t) && !t.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad device or fd '" + t
                        + "': expected the BDF of an open device (DDDD:BB:DD.F) or an fd number");
            }
            if (!looksLikeBdf(t)) {
                Int.parseRange(t, "an fd", 0, Integer.MAX_VALUE);
            }
            return new VfioHandle(looksLikeBdf(t) ? t.toLowerCase(Locale.ROOT) : t);
        }

        boolean isFd() {
            return !looksLikeBdf(text);
        }

        int fd() {
            return Integer.parseInt(text);
        }

        Bdf bdf() {
            return Bdf.parse(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * What a bulk {@code pci:} command acts on: one function's address, or an address pattern
     * as {@code lspci -s} takes one ({@code 0000:4?:*.*}; the domain may be left out), where
     * {@code ?} is any one hex digit and {@code *} any digits of one field.
     */
    record PciAddresses(String text) {
        private static final Pattern PATTERN = Pattern.compile(
                "(?:[0-9a-fA-F?*]{1,4}:)?[0-9a-fA-F?*]{1,2}:[0-9a-fA-F?*]{1,2}\\.[0-7?*]");

        static PciAddresses parse(String text) {
            String t = nonEmpty(text, "address").trim();
            if (isPattern(t)) {
                if (!PATTERN.matcher(t).matches()) {
                    throw new IllegalArgumentException("bad address pattern '" + t
                            + "': expected [DDDD:]BB:DD.F where any digit may be ? and any field *, such as 0000:4?:*.*");
                }
                return new PciAddresses(t.toLowerCase(Locale.ROOT));
            }
            return new PciAddresses(Bdf.parse(t).toString());
        }

        private static boolean isPattern(String t) {
            return t.indexOf('*') >= 0 || t.indexOf('?') >= 0;
        }

        /** Whether this selects by pattern rather than naming one function. */
        boolean isPattern() {
            return isPattern(text);
        }

        /** The one function's address; only when not {@link #isPattern()}. */
        Bdf bdf() {
            return Bdf.parse(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A PCI class code to select by, as {@code lspci -d ::CLASS} reads one: 2 hex digits are the
     * base class ({@code 0x03}, display), 4 add the subclass ({@code 0x0300}, VGA compatible
     * controller), 6 the programming interface. {@link #ABSENT} as an option's absent value.
     */
    record PciClass(String text, int value, int digits) {
        static final String ABSENT = "\u0000absent";
        private static final Pattern HEX = Pattern.compile("(?:0[xX])?(\\p{XDigit}+)");

        static PciClass parse(String text) {
            if (ABSENT.equals(text)) {
                return new PciClass(ABSENT, 0, 0);
            }
            String t = nonEmpty(text, "class").trim();
            var m = HEX.matcher(t);
            int digits = m.matches() ? m.group(1).length() : 0;
            if (digits != 2 && digits != 4 && digits != 6) {
                throw new IllegalArgumentException("bad class '" + t + "': expected 2, 4 or 6 hex digits such as 0x03 "
                        + "(display), 0x0300 (VGA compatible controller) or 0x030000");
            }
            return new PciClass(t.toLowerCase(Locale.ROOT), Integer.parseInt(m.group(1), 16), digits);
        }

        boolean absent() {
            return ABSENT.equals(text);
        }

        /** Whether a function's 24-bit class code starts with this one. */
        boolean matches(int classCode) {
            return classCode >>> (6 - digits) * 4 == value;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Vendor and device to select by, as {@code lspci -d} reads them: {@code 10de:2230}, and
     * either may be {@code *} or left empty ({@code 10de:*}). {@link #ABSENT} as an option's
     * absent value.
     */
    record PciIds(String text, int vendor, int device) {
        static final String ABSENT = "\u0000absent";
        private static final Pattern HEX = Pattern.compile("(?:0[xX])?(\\p{XDigit}{1,4})");

        static PciIds parse(String text) {
            if (ABSENT.equals(text)) {
                return new PciIds(ABSENT, -1, -1);
            }
            String t = nonEmpty(text, "id").trim();
            String[] parts = t.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("bad id '" + t + "': expected VENDOR:DEVICE in hex such as 10de:2230 or 10de:*");
            }
            return new PciIds(t.toLowerCase(Locale.ROOT), part(t, parts[0]), part(t, parts[1]));
        }

        private static int part(String text, String part) {
            if (part.isEmpty() || part.equals("*")) {
                return -1;
            }
            var m = HEX.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad id '" + text + "': '" + part + "' is not a 16-bit hex number");
            }
            return Integer.parseInt(m.group(1), 16);
        }

        boolean absent() {
            return ABSENT.equals(text);
        }

        boolean matches(int v, int d) {
            return (vendor < 0 || vendor == v) && (device < 0 || device == d);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A PCI bridge's address, for an option ({@link #ABSENT} as its absent value). */
    record BridgeBdf(String text) {
        static final String ABSENT = "\u0000absent";

        static BridgeBdf parse(String text) {
            return ABSENT.equals(text) ? new BridgeBdf(ABSENT) : new BridgeBdf(Bdf.parse(nonEmpty(text, "bridge").trim()).toString());
        }

        boolean absent() {
            return ABSENT.equals(text);
        }

        Bdf bdf() {
            return Bdf.parse(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A C {@code int}: a decimal whole number from -2147483648 to 2147483647, never wrapped. */
    record Int(int value) {
        static Int parse(String text) {
            return new Int((int) parseRange(text, "an int", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }

        /**
         * Parses a decimal whole number and checks its range.
         *
         * @param what the kind of number, for the message ("an int", "an fd")
         */
        static long parseRange(String text, String what, long min, long max) {
            String t = nonEmpty(text, "number").trim();
            if (!t.matches("[-+]?\\d+")) {
                throw new IllegalArgumentException("'" + t + "' is not a whole number (expected " + range(what, min, max) + ")");
            }
            java.math.BigInteger v = new java.math.BigInteger(t.startsWith("+") ? t.substring(1) : t);
            if (v.compareTo(java.math.BigInteger.valueOf(min)) < 0 || v.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                throw new IllegalArgumentException(t + " is out of range (expected " + range(what, min, max) + ")");
            }
            return v.longValueExact();
        }

        private static String range(String what, long min, long max) {
            return what + " from " + min + " to " + max;
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** A C {@code unsigned int}: 0 to 4294967295. */
    record UInt(long value) {
        static UInt parse(String text) {
            return new UInt(Int.parseRange(text, "an unsigned int", 0, 0xffff_ffffL));
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A {@code u16} (what kstrtou16 accepts): 0 to 65535. */
    record U16(int value) {
        static U16 parse(String text) {
            return new U16((int) Int.parseRange(text, "a u16", 0, 0xffff));
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /**
     * A boolean as the kernel reads one (kstrtobool): 1, y, yes, on, true or 0, n, no, off,
     * false, in any letter case. Nothing else: "maybe" is an error, not false.
     */
    record KernelBool(boolean value) {
        static final List<String> TRUE = List.of("1", "y", "yes", "on", "true");
        static final List<String> FALSE = List.of("0", "n", "no", "off", "false");

        static KernelBool parse(String text) {
            String t = nonEmpty(text, "boolean").trim().toLowerCase(Locale.ROOT);
            if (TRUE.contains(t)) {
                return new KernelBool(true);
            }
            if (FALSE.contains(t)) {
                return new KernelBool(false);
            }
            throw new IllegalArgumentException("'" + text + "' is not a boolean (expected one of "
                    + String.join(", ", TRUE) + ", or " + String.join(", ", FALSE) + ")");
        }

        @Override
        public String toString() {
            return value ? "1" : "0";
        }
    }

    /**
     * Values of one kind separated by commas, as {@code --kernels 5.18,6.1} takes them: each one
     * parsed, none twice, at least one; {@code all} for every value there is.
     */
    private static <T> List<T> commaList(String text, String what, List<T> all, java.util.function.Function<String, T> one) {
        String t = nonEmpty(text, what + " list").trim();
        if (t.equalsIgnoreCase(ALL)) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("bad " + what + " list '" + t + "': an empty item (expected items "
                        + "separated by single commas, or all)");
            }
            T v = one.apply(part.trim());
            if (out.contains(v)) {
                throw new IllegalArgumentException("bad " + what + " list '" + t + "': " + part.trim() + " is given twice");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    /** The word a list option takes for every value ({@code --kernels all}). */
    static final String ALL = "all";

    /** Kernel versions, e.g. {@code 5.18,6.1}, or {@code all} for every modelled one. */
    record KernelList(List<org.pmlab.sim.api.KernelVersion> versions) {
        static KernelList parse(String text) {
            return new KernelList(commaList(text, "kernel", org.pmlab.sim.api.KernelVersion.MODELLED,
                    org.pmlab.sim.api.KernelVersion::parse));
        }

        @Override
        public String toString() {
            return String.join(",", versions.stream().map(Object::toString).toList());
        }
    }

    /** {@code sim:compare}'s scenarios, e.g. {@code open-close,sriov}, or {@code all}. */
    record ScenarioList(List<org.pmlab.scenario.api.Scenario> scenarios) {
        static ScenarioList parse(String text) {
            return new ScenarioList(commaList(text, "scenario", List.of(org.pmlab.scenario.api.Scenario.values()),
                    org.pmlab.scenario.api.Scenario::parse));
        }

        @Override
        public String toString() {
            return String.join(",", scenarios.stream().map(org.pmlab.scenario.api.Scenario::word).toList());
        }
    }

    /**
     * Firmware models by name, e.g. {@code acpi-sim,native}, or {@code all} (an empty list here)
     * for every registered one; the command checks the names against the lab.
     */
    record FirmwareList(List<String> names) {
        static FirmwareList parse(String text) {
            return new FirmwareList(commaList(text, "firmware", List.of(), n -> FirmwareName.parse(n).text()));
        }

        boolean all() {
            return names.isEmpty();
        }

        @Override
        public String toString() {
            return all() ? ALL : String.join(",", names);
        }
    }

    /** A PCI function's BDF, or {@code auto} for the one the command chooses. */
    record AutoBdf(Bdf bdf) {
        static final String AUTO = "auto";

        static AutoBdf parse(String text) {
            String t = nonEmpty(text, "BDF").trim();
            return new AutoBdf(t.equalsIgnoreCase(AUTO) ? null : Bdf.parse(t));
        }

        boolean auto() {
            return bdf == null;
        }

        @Override
        public String toString() {
            return auto() ? AUTO : bdf.toString();
        }
    }

    /** Power in watts: a decimal number, 0 or more, such as {@code 4.5}. */
    record Watts(double value) {
        private static final Pattern SHAPE = Pattern.compile("\\d+(\\.\\d+)?");

        static Watts parse(String text) {
            String t = nonEmpty(text, "watts").trim();
            if (!SHAPE.matcher(t).matches()) {
                throw new IllegalArgumentException("bad watts '" + t + "': expected a number of watts, 0 or more, such as 4.5");
            }
            double w = Double.parseDouble(t);
            if (Double.isInfinite(w) || w > 1e6) {
                throw new IllegalArgumentException("bad watts '" + t + "': more than a megawatt");
            }
            return new Watts(w);
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /**
     * What a power override applies to: a BDF, a vendor:device such as {@code 10de:1eb8}, or a
     * power class such as {@code gpu}; the power model checks the form.
     */
    record PowerMatch(String text) {
        static PowerMatch parse(String text) {
            return new PowerMatch(nonEmpty(text, "match").trim());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The word of an enumerated argument, e.g. {@code add}; any letter case. */
    static <E extends Enum<E> & Word> E word(Class<E> type, String text) {
        String t = nonEmpty(text, "word").trim();
        for (E e : type.getEnumConstants()) {
            if (e.word().equalsIgnoreCase(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + t + "': expected " + words(type));
    }

    /** "add, remove or list". */
    static String words(Class<?> type) {
        List<String> w = new ArrayList<>();
        for (Object e : type.getEnumConstants()) {
            w.add(((Word) e).word());
        }
        if (w.size() == 1) {
            return w.get(0);
        }
        return String.join(", ", w.subList(0, w.size() - 1)) + " or " + w.get(w.size() - 1);
    }

}
