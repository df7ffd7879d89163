package org.pmlab.sysfs.internal;

import java.util.ArrayList;
import java.util.List;

/** Path text helpers for the tree: splitting, joining, relative link targets, safe names. */
final class SysPaths {
    private SysPaths() {
    }

    /** The components of an absolute or relative path, empty ones and "." dropped. */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
    }

    static String join(List<String> components) {
        return "/" + String.join("/", components);
    }

    /**
     * The textual normal form of an absolute path ("." and ".." folded, as {@code realpath -s}
     * would); used to tell whether a path names something under /sys at all.
     */
    static String normalize(String path) {
        List<String> out = new ArrayList<>();
        for (String c : split(path)) {
            if (c.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(c);
            }
        }
        return join(out);
    }

    /** A link target from directory {@code fromDir} to {@code to} (both absolute, normal), as sysfs writes them. */
    static String relative(String fromDir, String to) {
        List<String> a = split(fromDir);
        List<String> b = split(to);
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < a.size(); i++) {
            sb.append("../");
        }
        sb.append(String.join("/", b.subList(common, b.size())));
        return sb.toString();
    }

    /**
     * Whether a name from the model (a driver's name) can be one path component: not empty,
     * not "." or "..", no '/' and no NUL. Others are left out of the tree, so nothing can
     * reach outside it through them.
     */
    static boolean safeName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
    }
}
