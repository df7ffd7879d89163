package org.pmlab.itest.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * README's pictures are produced by tests into {@code target/}; with
 * {@code -Dpmlab.docs.update=true} they are also copied into {@code docs/images}, the copies
 * README shows and git keeps.
 */
final class DocsImages {
    private DocsImages() {
    }

    static boolean updating() {
        return Boolean.getBoolean("pmlab.docs.update");
    }

    static Path committed(String name) {
        return Path.of(System.getProperty("pmlab.docs.dir", "../docs/images")).resolve(name);
    }

    static void publish(Path produced, String name) throws IOException {
        if (updating()) {
            Path dest = committed(name);
            Files.createDirectories(dest.getParent());
            Files.copy(produced, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
