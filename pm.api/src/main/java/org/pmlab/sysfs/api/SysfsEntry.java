package org.pmlab.sysfs.api;

import java.util.Objects;

/**
 * One node of the tree.
 *
 * @param path its absolute path (through the links it was reached by)
 * @param mode the permission bits, e.g. 0644; links are 0777 and directories 0755
 * @param target for a link, where it points (relative); {@code null} otherwise
 */
public record SysfsEntry(String name, String path, Kind kind, int mode, String target) {

    public enum Kind { DIRECTORY, ATTRIBUTE, LINK }

    public SysfsEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LINK) != (target != null)) {
            throw new IllegalArgumentException("only a link has a target: " + path);
        }
    }

    /** The mode as {@code ls -l} prints it, e.g. {@code -rw-r--r--}, {@code lrwxrwxrwx}. */
    public String modeString() {
        StringBuilder sb = new StringBuilder(10);
        sb.append(switch (kind) {
            case DIRECTORY -> 'd';
            case LINK -> 'l';
            case ATTRIBUTE -> '-';
        });
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
        }
        return sb.toString();
    }
}
