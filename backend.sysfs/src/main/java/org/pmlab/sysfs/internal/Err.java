package org.pmlab.sysfs.internal;

import org.pmlab.pm.api.Errno;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.sysfs.api.SysfsWriteException;

/** The error numbers a sysfs call can fail with, and how they reach the caller. */
final class Err {
    private Err() {
    }

    static final int ENOTDIR = Errno.ENOTDIR.code();
    static final int EISDIR = Errno.EISDIR.code();
    static final int ELOOP = Errno.ELOOP.code();

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
        return Errno.of(n).map(Errno::message).orElse("Unknown error " + n);
    }
}
