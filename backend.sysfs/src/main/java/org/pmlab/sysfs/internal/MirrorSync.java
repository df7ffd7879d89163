package org.pmlab.sysfs.internal;

import java.util.HashSet;
import java.util.Set;
import org.pmlab.hw.api.Bdf;

/**
 * Writes the tree (or part of it) to the mirror's files: directories as directories, attributes
 * as files with their mode, links as symbolic links; what is gone is removed. An attribute that
 * cannot be read (write-only, or a show that fails, such as autosuspend_delay_ms with -EIO) is an
 * empty file.
 */
final class MirrorSync {

    private final Tree tree;
    private final MirrorFiles files;

    MirrorSync(Tree tree, MirrorFiles files) {
        this.tree = tree;
        this.files = files;
    }

    /** Everything. */
    void all() {
        files.directory("/sys");
        dir(tree.root().child("sys").map(Node.Dir.class::cast).orElseThrow(), "/sys", true);
    }

    /**
     * One directory given by its canonical path; {@code deep} also descends into the directories
     * of other devices below it (a device's own {@code power/} is always included).
     */
    void subtree(String canonicalPath, boolean deep) {
        PathWalk.Found f = PathWalk.walk(tree.root(), canonicalPath, false);
        if (f.node() instanceof Node.Dir d) {
            dir(d, canonicalPath, deep);
        }
    }

    private void dir(Node.Dir dir, String path, boolean deep) {
        files.directory(path);
        Set<String> names = new HashSet<>();
        for (Node n : dir.entries().get()) {
            String p = path + "/" + n.name();
            names.add(n.name());
            if (n instanceof Node.File f) {
                files.file(p, content(f), f.mode(), false);
            } else if (n instanceof Node.Link l) {
                files.link(p, l.target());
            } else if (deep || !isDevice(n.name())) {
                dir((Node.Dir) n, p, deep);
            }
        }
        files.prune(path, names);
    }

    static String content(Node.File f) {
        if (f.show() == null) {
            return "";
        }
        try {
            return f.show().get();
        } catch (Err.Fail e) {
            return "";
        }
    }

    private static boolean isDevice(String name) {
        try {
            Bdf.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
