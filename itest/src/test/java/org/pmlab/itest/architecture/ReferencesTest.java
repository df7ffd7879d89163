package org.pmlab.itest.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every reference in the repository's code, READMEs and docs resolves inside the repository:
 * no section sign pointing into documents a clone does not have, and no path outside the
 * repository (the team's shared folder, a workstation path). Code cites kernel functions and
 * files; prose that the model needs lives in docs/.
 */
class ReferencesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "releases", "node_modules");
    private static final Pattern TEXT = Pattern.compile(".*\\.(java|md|bnd|bndrun|xml|gogo|json|txt|properties)$|.*/pmlab$|.*/run$");
    private static final Pattern OUTSIDE = Pattern.compile("§|\\.\\./shared|/work/|shared/(spec|seed)/");

    @Test
    void noReferenceLeavesTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> Files.isRegularFile(p) && TEXT.matcher(p.toString().replace('\\', '/')).matches())
                    .filter(p -> !skipped(ROOT.relativize(p)))
                    .forEach(p -> scan(p, found));
        }
        assertThat(found).as("references to places outside the repository (cite kernel functions or docs/ instead)")
                .isEmpty();
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static void scan(Path file, List<String> found) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (MalformedInputException binary) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (OUTSIDE.matcher(lines.get(i)).find() && !file.endsWith("ReferencesTest.java")) {
                found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
    }
}
