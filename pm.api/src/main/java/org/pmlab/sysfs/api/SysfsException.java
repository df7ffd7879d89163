package org.pmlab.sysfs.api;

/**
 * A failed sysfs call: the path and the error a system call would return, with its strerror
 * text. The message reads like a tool's, e.g.
 * {@code /sys/bus/pci/devices/0000:01:00.0/power/autosuspend_delay_ms: Input/output error}.
 */
public class SysfsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int errno;
    private final String reason;

    /**
     * @param errno the positive error number (errno.h)
     * @param reason its strerror text, e.g. "Invalid argument"
     */
    public SysfsException(String path, int errno, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.errno = errno;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    /** The positive error number. */
    public int errno() {
        return errno;
    }

    /** The strerror text. */
    public String reason() {
        return reason;
    }
}
