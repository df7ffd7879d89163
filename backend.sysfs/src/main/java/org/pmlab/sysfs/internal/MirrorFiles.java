package org.pmlab.sysfs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files of one mirror under {@code ROOT/sys}: what was last written to each (so only changes
 * are written, and a change made by another process can be told from our own), and the only
 * code that writes, links, creates or deletes there. Every target is checked to lie inside the
 * root, through real directories, before anything is done to it.
 */
final class MirrorFiles {

    static final String TEMP_PREFIX = ".pmlab-";

    private final Path root;
    private final Consumer<Path> newDirectory;
    /** By sysfs path ("/sys/..."): the content last written, or the link target. Guarded by this. */
    private final Map<String, String> written = new HashMap<>();

    /**
     * @param root the real path of the mirror root
     * @param newDirectory told of every directory created (to watch it)
     */
    MirrorFiles(Path root, Consumer<Path> newDirectory) {
        this.root = root;
        this.newDirectory = newDirectory;
    }

    Path root() {
        return root;
    }

    /** The file standing for a sysfs path. */
    Path disk(String sysPath) {
        Path p = root.resolve(sysPath.substring(1)).normalize();
        if (!p.startsWith(root.resolve("sys"))) {
            throw new IllegalArgumentException("refusing a mirror path outside " + root + ": " + sysPath);
        }
        return p;
    }

    /** The sysfs path a mirrored file stands for, or null when it is not under ROOT/sys. */
    String sysPath(Path disk) {
        Path p = disk.normalize();
        if (!p.startsWith(root.resolve("sys"))) {
            return null;
        }
        return "/" + root.relativize(p).toString().replace('\\', '/');
    }

    synchronized String lastWritten(String sysPath) {
        return written.get(sysPath);
    }

    /** Forgets what was written at and below a path (another process deleted it), so the next sync writes it again. */
    synchronized void forgetUnder(String sysPath) {
        written.keySet().removeIf(k -> k.equals(sysPath) || k.startsWith(sysPath + "/"));
    }

    synchronized void directory(String sysPath) {
        Path p = disk(sysPath);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        checkParent(p);
        // A new directory is empty, whatever we wrote under this path before: another process
        // may have deleted the old one while we were not looking (an rm -rf racing a heal).
        forgetUnder(sysPath);
        try {
            if (Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
            }
            Files.createDirectory(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newDirectory.accept(p);
    }

    /** Writes the content if it differs from what was last written (or {@code force}). */
    synchronized boolean file(String sysPath, String content, int mode, boolean force) {
        if (!force && content.equals(written.get(sysPath))) {
            return false;
        }
        Path p = disk(sysPath);
        checkParent(p);
        written.put(sysPath, content);
        try {
            Path tmp = Files.createTempFile(p.getParent(), TEMP_PREFIX, ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(tmp, permissions(mode));
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            written.remove(sysPath);
            throw new UncheckedIOException(e);
        }
        return true;
    }

    synchronized void link(String sysPath, String target) {
        if (target.equals(written.get(sysPath))) {
            return;
        }
        Path p = disk(sysPath);
        checkParent(p);
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                delete(p);
            }
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.put(sysPath, target);
    }

    /** Removes what is on disk in a mirrored directory but not in {@code keep}. */
    synchronized void prune(String sysDir, Set<String> keep) {
        Path dir = disk(sysDir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!keep.contains(name) && !name.startsWith(TEMP_PREFIX)) {
                    delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the whole mirrored tree (a new machine replaces it). */
    synchronized void clear() {
        Path sys = root.resolve("sys");
        if (Files.exists(sys, LinkOption.NOFOLLOW_LINKS)) {
            delete(sys);
        }
        written.clear();
    }

    /** Deletes a file, link or directory tree inside the root, never following links. */
    private void delete(Path p) {
        if (!p.normalize().startsWith(root.resolve("sys"))) {
            throw new IllegalArgumentException("refusing to delete outside the mirror: " + p);
        }
        String prefix = sysPath(p);
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.keySet().removeIf(k -> k.equals(prefix) || k.startsWith(prefix + "/"));
    }

    /** The directory something is written in must really be inside the root: no link planted on the way. */
    private void checkParent(Path p) {
        try {
            Path parent = p.getParent().toRealPath();
            if (!parent.startsWith(root)) {
                throw new IllegalStateException("refusing to write " + p + ": its directory resolves to " + parent
                        + ", outside the mirror root " + root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(bits[i]);
            }
        }
        return s;
    }
}
