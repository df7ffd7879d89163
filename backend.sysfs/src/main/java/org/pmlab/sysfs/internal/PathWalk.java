package org.pmlab.sysfs.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.pmlab.pm.api.Errno;

/**
 * The kernel's path walk over the tree: links are followed in every component (and in the last
 * one when asked), ".." goes to the physical parent of where the walk is, and a walk that
 * follows more than 40 links fails with ELOOP.
 */
final class PathWalk {
    private PathWalk() {
    }

    private static final int MAX_LINKS = 40;

    /** Where a walk ended: the node and its canonical path (no links in it). */
    record Found(Node node, String path) {
    }

    /**
     * @param path an absolute path under /sys, as the user gave it (used in errors)
     * @throws IllegalArgumentException when the path is not absolute or not under /sys
     * @throws org.pmlab.sysfs.api.SysfsException ENOENT, ENOTDIR or ELOOP
     */
    static Found walk(Node.Dir root, String path, boolean followLast) {
        checkUnderSys(path);
        boolean follow = followLast || path.endsWith("/"); // a trailing slash asks for the directory a link leads to
        Deque<Node> nodes = new ArrayDeque<>();
        List<String> names = new ArrayList<>();
        nodes.push(root);
        Deque<String> todo = new ArrayDeque<>(SysPaths.split(path));
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                    nodes.pop();
                }
                continue;
            }
            if (!(nodes.peek() instanceof Node.Dir dir)) {
                throw Err.at(path, Err.ENOTDIR);
            }
            Optional<Node> next = dir.child(c);
            if (next.isEmpty()) {
                throw Err.at(path, Errno.ENOENT);
            }
            if (next.get() instanceof Node.Link link && (!todo.isEmpty() || follow)) {
                if (++links > MAX_LINKS) {
                    throw Err.at(path, Err.ELOOP);
                }
                if (link.target().startsWith("/")) {
                    names.clear();
                    while (nodes.size() > 1) {
                        nodes.pop();
                    }
                }
                List<String> target = SysPaths.split(link.target());
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.push(target.get(i));
                }
                continue;
            }
            nodes.push(next.get());
            names.add(c);
        }
        Node end = nodes.peek();
        if (path.endsWith("/") && !(end instanceof Node.Dir)) {
            throw Err.at(path, Err.ENOTDIR);
        }
        return new Found(end, SysPaths.join(names));
    }

    /** Only paths that name something under /sys (after folding "." and "..") are walked. */
    static void checkUnderSys(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("'" + path + "' is not an absolute path; sysfs paths start with /sys");
        }
        String n = SysPaths.normalize(path);
        if (!n.equals("/sys") && !n.startsWith("/sys/")) {
            throw new IllegalArgumentException("'" + path + "' is outside /sys; pmlab models only the simulated /sys");
        }
    }
}
