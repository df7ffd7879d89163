package org.pmlab.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a pmlab command may write on the host: never into the host's /sys, /proc or /dev,
 * decided by the real path (links and ".." followed), not by the text typed.
 */
final class HostFiles {
    private HostFiles() {
    }

    static final List<Path> FORBIDDEN = List.of(Path.of("/sys"), Path.of("/proc"), Path.of("/dev"));

    /**
     * Checks that {@code file} may be written and is not inside {@code alsoForbidden}.
     *
     * @return its real path
     * @throws IllegalArgumentException naming the file and the reason
     */
    static Path writable(Path file, Path alsoForbidden) {
        Path real = realPath(file.toAbsolutePath().normalize());
        for (Path f : FORBIDDEN) {
            if (real.startsWith(f) || real.startsWith(realPath(f))) {
                throw new IllegalArgumentException("refusing to write " + file + ": it resolves to " + real + ", inside "
                        + f + " (pmlab never writes to the host's " + f + ")");
            }
        }
        if (alsoForbidden != null && real.startsWith(realPath(alsoForbidden.toAbsolutePath().normalize()))) {
            throw new IllegalArgumentException("refusing to write " + file + " inside " + alsoForbidden + ", which it reads");
        }
        if (Files.isDirectory(real)) {
            throw new IllegalArgumentException(file + ": Is a directory");
        }
        return real;
    }

    /**
     * The real path of a path that may not exist yet: the existing part resolved with its links,
     * the rest (which cannot hold links) folded textually.
     */
    static Path realPath(Path absolute) {
        Path existing = absolute;
        Deque<Path> rest = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path out;
        try {
            out = existing == null ? absolute.getRoot() : existing.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(ErrorMessages.io(e));
        }
        while (!rest.isEmpty()) {
            out = out.resolve(rest.pop());
        }
        return out.normalize();
    }
}
