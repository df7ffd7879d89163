package org.pmlab.sysfs.internal;

import org.pmlab.pm.api.Errno;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.sysfs.api.SysfsWriteException;

/**
 * The error numbers a sysfs call can fail with. Path-walk errors that {@link Errno} does not list
 * (ENOTDIR, EISDIR, ELOOP) are spelled here with their errno.h numbers and strerror texts.
 */
final class Err {
    private Err() {
    }

    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int ELOOP = 40;

    /** A store or show failed with {@code -errno}. */
    static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int errno;

        Fail(int errno) {
            super(null, null, false, false);
            this.errno = Math.abs(errno);
        }
    }

    static Fail fail(Errno e) {
        return new Fail(e.code());
    }

    static SysfsException at(String path, int errno) {
        return new SysfsException(path, Math.abs(errno), strerror(errno));
    }

    /** A store that refused the data (the open succeeded). */
    static SysfsWriteException writing(String path, int errno) {
        return new SysfsWriteException(path, Math.abs(errno), strerror(errno));
    }

    static SysfsException at(String path, Errno e) {
        return at(path, e.code());
    }

    static String strerror(int errno) {
        int n = Math.abs(errno);
        return switch (n) {
            case ENOTDIR -> "Not a directory";
            case EISDIR -> "Is a directory";
            case ELOOP -> "Too many levels of symbolic links";
            default -> Errno.of(n).map(Errno::message).orElse("Unknown error " + n);
        };
    }
}
