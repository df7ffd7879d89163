package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * The user process's file descriptor table: each fd refers to a vfio device file or an eventfd.
 * New fds take the lowest free number from 3 (0-2 are stdin, stdout and stderr). Device file
 * reference counts are guarded by this table too.
 */
@Kernel(file = "fs/eventfd.c")
final class FdTable {

    private static final int FIRST_FD = 3;

    /** {@code eventfd_ctx_fdget}'s answer: a context with a new reference, or the error. */
    record CtxRef(EventFdCtx ctx, int error) {
    }

    private final TreeMap<Integer, OpenFile> files = new TreeMap<>();

    synchronized int install(OpenFile f) {
        int fd = FIRST_FD;
        while (files.containsKey(fd)) {
            fd++;
        }
        files.put(fd, f);
        return fd;
    }

    synchronized OpenFile get(int fd) {
        return files.get(fd);
    }

    synchronized OpenFile remove(int fd) {
        return files.remove(fd);
    }

    /** The device file an fd refers to, or null (not open, or not a device). */
    synchronized DeviceFile device(int fd) {
        return files.get(fd) instanceof DeviceFile d ? d : null;
    }

    /** The fds referring to a device, lowest first. */
    synchronized List<Integer> fdsOf(CoreDevice v) {
        List<Integer> out = new ArrayList<>();
        files.forEach((fd, f) -> {
            if (f instanceof DeviceFile d && d.device == v) {
                out.add(fd);
            }
        });
        return out;
    }

    /**
     * {@code fdget}: the file an fd refers to, or null when it is not open. A device file comes
     * with a new reference, taken in the same step as the lookup, that the caller drops with
     * {@link #drop} when its system call returns (fdput), so a close meanwhile cannot release
     * the device under the call.
     */
    synchronized OpenFile fdget(int fd) {
        OpenFile f = files.get(fd);
        if (f instanceof DeviceFile d) {
            d.get();
        }
        return f;
    }

    /** True when this was the file's last reference: the caller releases the device. */
    synchronized boolean drop(DeviceFile f) {
        return f.put();
    }

    /**
     * {@code eventfd_ctx_fdget}: -EBADF for an fd that is not open, -EINVAL for a file that is
     * not an eventfd ({@code eventfd_ctx_fileget} checks the file operations).
     */
    @Kernel("eventfd_ctx_fdget")
    synchronized CtxRef eventfdCtxFdget(int fd) {
        OpenFile f = files.get(fd);
        if (f == null) {
            return new CtxRef(null, Errno.EBADF.negative());
        }
        if (!(f instanceof EventFile e)) {
            return new CtxRef(null, Errno.EINVAL.negative());
        }
        return new CtxRef(e.ctx().get(), 0);
    }
}
