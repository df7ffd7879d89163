package org.pmlab.itest.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs shell commands that use {@code ./pmlab} as a user would: bash, in a fresh working
 * directory where {@code ./pmlab} is a link to the repository's launcher and the files of
 * {@code docs/examples/} (topologies, scripts) are at hand, with no terminal on stdin.
 * <p>
 * The launcher runs the jar the build just exported ({@code PMLAB_NO_BUILD=1}): a test never
 * starts a Maven build of its own.
 */
final class Launcher {

    /** The repository: surefire passes it, and a run from an IDE falls back to the module's parent. */
    static final Path REPO = Path.of(System.getProperty("pmlab.repo", "..")).toAbsolutePath().normalize();
    static final Path FIXTURES = REPO.resolve("docs/examples");

    /** A bound on one run, far above a normal run (2-5 s), so a hang fails instead of blocking the build. */
    private static final long TIMEOUT_S = 180;

    /** What one command did. */
    record Run(int status, String stdout, String stderr) {
        List<String> lines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n", -1));
        }
    }

    private Launcher() {
    }

    /** A fresh working directory with {@code ./pmlab} and the fixtures. */
    static Path workDir() {
        try {
            Path dir = Files.createTempDirectory("pmlab-doc-");
            Files.createSymbolicLink(dir.resolve("pmlab"), REPO.resolve("pmlab"));
            if (Files.isDirectory(FIXTURES)) {
                try (Stream<Path> files = Files.list(FIXTURES)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, dir.resolve(f.getFileName().toString()));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} with bash in {@code dir}; stderr joins stdout in order when {@code merge}. */
    static Run bash(Path dir, String command, boolean merge) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(merge);
        pb.environment().put("PMLAB_NO_BUILD", "1");
        pb.environment().remove("PMLAB_JAVA_OPTS");
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            pb.redirectOutput(out.toFile());
            if (!merge) {
                pb.redirectError(err.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("still running after " + TIMEOUT_S + " s: " + command);
            }
            Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    /** Deletes a working directory and what the commands left in it. */
    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
