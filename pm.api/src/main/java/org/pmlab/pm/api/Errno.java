package org.pmlab.pm.api;

import java.util.Arrays;
import java.util.Optional;

/** Kernel error numbers (asm-generic/errno-base.h, errno.h) with their names and strerror texts. */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    ERANGE(34, "Numerical result out of range"),
    ENOSYS(38, "Function not implemented"),
    ELOOP(40, "Too many levels of symbolic links"),
    ENODATA(61, "No data available"),
    EOPNOTSUPP(95, "Operation not supported"),
    ETIMEDOUT(110, "Connection timed out"),
    EINPROGRESS(115, "Operation now in progress");

    private final int code;
    private final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The positive error number, as in errno.h. */
    public int code() {
        return code;
    }

    /** The negative value a kernel function returns for this error. */
    public int negative() {
        return -code;
    }

    /** strerror() text, e.g. "Invalid argument". */
    public String message() {
        return message;
    }

    /** Finds the error for a number; the sign is ignored. */
    public static Optional<Errno> of(int value) {
        int abs = Math.abs(value);
        return Arrays.stream(values()).filter(e -> e.code == abs).findFirst();
    }

    /**
     * Parses "-EIO", "EIO", "-5" or "5" into the negative kernel value.
     *
     * @throws IllegalArgumentException naming the text when it is not a known error
     */
    public static int parseNegative(String text) {
        String t = text.trim();
        String body = t.startsWith("-") ? t.substring(1) : t;
        if (!body.isEmpty() && body.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(body);
            return of(n).filter(e -> n != 0)
                    .orElseThrow(() -> new IllegalArgumentException("unknown errno '" + text + "'"))
                    .negative();
        }
        try {
            return valueOf(body.toUpperCase()).negative();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown errno '" + text + "': expected a name such as -EIO or a number");
        }
    }

    /**
     * Shows a kernel-style result: "0", "1", or "-EAGAIN (-11)".
     */
    public static String describe(int ret) {
        if (ret >= 0) {
            return Integer.toString(ret);
        }
        return of(ret).map(e -> "-" + e.name() + " (" + ret + ")").orElse(Integer.toString(ret));
    }
}
