package org.pmlab.sysfs.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One machine's {@code /sys} as a process sees it. Paths are absolute ({@code /sys/...});
 * symbolic links are followed in every component but the last, as the kernel's path walk does.
 * Failures are {@link SysfsException}s carrying the errno a system call would return.
 */
@ProviderType
public interface SysfsView {
    /** The entry at the path, without following a final link ({@code lstat}). */
    SysfsEntry stat(String path);

    /** The entries of a directory, in the order {@code ls} sorts them (by name). */
    List<SysfsEntry> list(String path);

    /** The content {@code cat} shows: the attribute's exact text, trailing newline included. */
    String read(String path);

    /**
     * One {@code write(2)} of {@code text} (e.g. "auto\n") to the attribute, through the kernel's
     * store rules. Returns the number of bytes the kernel reports as written.
     */
    int write(String path, String text);

    /** The target a link points to, as {@code readlink} prints it (relative, like the kernel's). */
    String readlink(String path);
}
