package org.pmlab.sysfs.api;

/**
 * The file was opened for writing, but its store refused the data: what {@code write(2)}
 * returns, as opposed to an {@code open(2)} failure (ENOENT, EACCES, EISDIR).
 */
public class SysfsWriteException extends SysfsException {
    private static final long serialVersionUID = 1L;

    public SysfsWriteException(String path, int errno, String reason) {
        super(path, errno, reason);
    }
}
