package org.pmlab.sysfs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Decides where a mirror may live. The root is resolved as the kernel would (symbolic links and
 * ".." of its existing part followed) and refused when it is, or lies inside, /sys, /proc or
 * /dev, or when ROOT/sys would be the host's /sys. pmlab never writes to the host's real /sys.
 */
final class MirrorRoot {
    private MirrorRoot() {
    }

    static final List<Path> FORBIDDEN = List.of(Path.of("/sys"), Path.of("/proc"), Path.of("/dev"));

    /**
     * Resolves and checks a root, creating it if needed. Returns its real path.
     *
     * @throws IllegalArgumentException naming the root and the reason
     */
    static Path resolve(Path root) {
        Path real = realPath(root.toAbsolutePath());
        for (Path f : FORBIDDEN) {
            Path forbidden = realPath(f);
            if (real.startsWith(forbidden) || real.startsWith(f)) {
                throw new IllegalArgumentException("refusing to mirror into " + root + ": it resolves to " + real
                        + ", inside " + f + " (pmlab never writes to the host's " + f + ")");
            }
        }
        if (real.getParent() == null) {
            throw new IllegalArgumentException("refusing to mirror into " + root + ": ROOT/sys would be the host's /sys");
        }
        try {
            Files.createDirectories(real);
            Path sys = real.resolve("sys");
            if (Files.exists(sys, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(sys) || !sys.toRealPath().startsWith(real)) {
                    throw new IllegalArgumentException("refusing to mirror into " + root + ": " + sys
                            + " is a link that leads out of it");
                }
            }
            return real.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the mirror root " + root + ": " + reason(e));
        }
    }

    /** What went wrong, in the words ls or mkdir would use, without the exception's class name. */
    static String reason(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return reason(u.getCause());
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way (not a directory)";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /**
     * The real path of a path that may not exist yet: the existing part resolved with its links,
     * the rest (which cannot hold links) folded textually.
     */
    static Path realPath(Path absolute) {
        Path existing = absolute;
        Deque<Path> rest = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) { // a dangling link counts as existing, and fails below
            rest.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path base;
        try {
            base = existing == null ? absolute.getRoot() : existing.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve " + absolute + ": " + reason(e));
        }
        Path out = base;
        while (!rest.isEmpty()) {
            out = out.resolve(rest.pop());
        }
        return out.normalize();
    }
}
