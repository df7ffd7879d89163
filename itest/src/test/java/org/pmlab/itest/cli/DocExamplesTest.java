package org.pmlab.itest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code $ ./pmlab ...} example in the repository's Markdown files (README.md, docs/,
 * module READMEs) is run as shown and its output compared with the lines under it, so the
 * documentation cannot drift from what pmlab prints. stderr is merged into stdout in the order
 * written, as a terminal shows it. A line {@code ...} stands for lines left out.
 * <p>
 * Each example is one launcher run (one JVM); {@value #PARALLEL_PROPERTY} of them run at once
 * (default 2, for the 2-core build machines).
 */
class DocExamplesTest {

    static final String PARALLEL_PROPERTY = "pmlab.doctest.parallel";

    private static final ExecutorService POOL = Executors.newFixedThreadPool(Integer.getInteger(PARALLEL_PROPERTY, 2));
    private static final List<Path> DIRS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyExampleInTheDocsPrintsWhatItShows() {
        List<DocExample> examples = DocExamples.find(Launcher.REPO);
        List<Future<Launcher.Run>> runs = new ArrayList<>();
        for (DocExample e : examples) {
            Path dir = Launcher.workDir();
            synchronized (DIRS) {
                DIRS.add(dir);
            }
            runs.add(POOL.submit(() -> Launcher.bash(dir, e.command(), true)));
        }
        return java.util.stream.IntStream.range(0, examples.size()).mapToObj(i -> DynamicTest.dynamicTest(
                examples.get(i).title(), () -> check(examples.get(i), runs.get(i).get())));
    }

    private static void check(DocExample example, Launcher.Run run) {
        ExpectedOutput expected = new ExpectedOutput(example.expected());
        List<String> actual = ExpectedOutput.trim(run.lines());
        assertEquals(expected.expand(actual), String.join("\n", actual),
                () -> example.where() + ": the output of\n  " + example.command() + "\ndiffers from the document");
    }

    @Test
    void theDocsHaveExamples() {
        // a parser that silently finds nothing would make the factory above pass vacuously
        assertFalse(DocExamples.find(Launcher.REPO).stream().filter(e -> e.file().toString().equals("README.md"))
                .toList().isEmpty(), "README.md shows no ./pmlab example");
    }

    @AfterAll
    static void cleanUp() {
        POOL.shutdownNow();
        synchronized (DIRS) {
            DIRS.forEach(Launcher::delete);
        }
    }
}
