package org.pmlab.shell.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Files a command writes for the user: anywhere but the host's /sys, /proc and /dev. */
final class OutputFiles {
    private OutputFiles() {
    }

    static Path target(String name) {
        Path p;
        try {
            p = Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("bad file name '" + name + "'");
        }
        for (String kernel : new String[] {"/sys", "/proc", "/dev"}) {
            if (p.startsWith(kernel)) {
                throw new IllegalArgumentException("refusing to write " + p + ": pmlab never writes to the host's "
                        + "/sys, /proc or /dev");
            }
        }
        return p;
    }
}
