package org.pmlab.sysfs.internal;

import java.math.BigInteger;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * The kernel's string helpers that sysfs stores use (lib/kstrtox.c, lib/string.c). Each returns
 * the value or throws {@link Err.Fail} with the errno the helper would return.
 */
@Kernel(file = "lib/string.c")
final class KernelParse {
    private KernelParse() {
    }

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * {@code sysfs_streq}: equal, except that one trailing newline on either side is ignored.
     */
    @Kernel("sysfs_streq")
    static boolean streq(String buf, String word) {
        return strip1(buf).equals(strip1(word));
    }

    private static String strip1(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * {@code kstrtoull(s, base)}: an optional '+', digits in the base (0: auto-detect "0x" hex,
     * "0" octal, else decimal), then at most one newline. -EINVAL for anything else, -ERANGE on
     * overflow of 64 bits.
     */
    static BigInteger kstrtoull(String s, int base) {
        int i = 0;
        if (s.startsWith("+")) {
            i = 1;
        }
        int radix = base;
        if (radix == 0) {
            radix = 10;
            if (s.startsWith("0", i)) {
                boolean hex = s.length() > i + 2 && Character.toLowerCase(s.charAt(i + 1)) == 'x'
                        && Character.digit(s.charAt(i + 2), 16) >= 0;
                radix = hex ? 16 : 8;
            }
        }
        if (radix == 16 && s.startsWith("0", i) && s.length() > i + 1 && Character.toLowerCase(s.charAt(i + 1)) == 'x') {
            i += 2; // _parse_integer_fixup_radix skips "0x" for base 16
        }
        int start = i;
        while (i < s.length() && isDigitIn(s.charAt(i), radix)) {
            i++;
        }
        if (i == start) {
            throw Err.fail(Errno.EINVAL);
        }
        String digits = s.substring(start, i);
        String rest = s.substring(i);
        if (!rest.isEmpty() && !rest.equals("\n")) {
            throw Err.fail(Errno.EINVAL);
        }
        BigInteger v = new BigInteger(digits, radix);
        if (v.compareTo(U64_MAX) > 0) {
            throw Err.fail(Errno.ERANGE);
        }
        return v;
    }

    /** Only ASCII digits and letters count: Character.digit would accept other scripts' digits. */
    private static boolean isDigitIn(char c, int radix) {
        return c < 128 && Character.digit(c, radix) >= 0;
    }

    /** {@code kstrtoul(s, base)} on a 64-bit kernel. */
    static BigInteger kstrtoul(String s, int base) {
        return kstrtoull(s, base);
    }

    /** {@code kstrtou16(s, base)}: -ERANGE above 65535. */
    static int kstrtou16(String s, int base) {
        BigInteger v = kstrtoull(s, base);
        if (v.compareTo(BigInteger.valueOf(0xffff)) > 0) {
            throw Err.fail(Errno.ERANGE);
        }
        return v.intValue();
    }

    /**
     * {@code kstrtol(s, base)}: an optional sign, then as {@link #kstrtoull}; -ERANGE outside the
     * 64-bit signed range.
     */
    static long kstrtol(String s, int base) {
        if (s.startsWith("-")) {
            if (s.startsWith("-+")) {
                throw Err.fail(Errno.EINVAL); // _kstrtoull after the '-' takes no second sign
            }
            BigInteger v = kstrtoull(s.substring(1), base);
            if (v.compareTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)) > 0) {
                throw Err.fail(Errno.ERANGE);
            }
            return v.negate().longValue();
        }
        BigInteger v = kstrtoull(s, base);
        if (v.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            throw Err.fail(Errno.ERANGE);
        }
        return v.longValue();
    }
}
