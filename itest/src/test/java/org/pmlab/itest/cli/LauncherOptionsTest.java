package org.pmlab.itest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pmlab.itest.ErrorLines;

/**
 * The launcher's bad-input matrix: every option with missing, malformed, unknown and hostile
 * values. Each case exits with status 2 before any statement runs, prints nothing on stdout and
 * exactly one line on stderr that names the option (or the stray word) and, where the values
 * are few, the valid ones, and leaves the working directory as it was.
 */
class LauncherOptionsTest {

    /** One case: the launcher arguments (shell words), and what the error line must contain. */
    record Case(String args, String... mentions) {
        @Override
        public String toString() {
            return "./pmlab " + args;
        }
    }

    private static final String FIRMWARE = "choose one of acpi-sim, nod3cold, native";
    private static final String KERNELS = "choose one of 5.18, 5.19, 6.0, 6.1, 6.18";

    static final List<Case> CASES = List.of(
            new Case("--firmware nod3col -c 'pci:list'", "--firmware nod3col", FIRMWARE),
            new Case("--firmware '*' -c 'pci:list'", "--firmware *", FIRMWARE),
            new Case("--firmware '(firmware.name=*)' -c 'pci:list'", "--firmware (firmware.name=*)", FIRMWARE),
            new Case("--firmware 'acpi-sim)(x' -c 'pci:list'", FIRMWARE),
            new Case("--firmware '' -c 'pci:list'", "--firmware needs a value"),
            new Case("--firmware", "--firmware needs a value"),
            new Case("--kernel 9.9 -c 'sim:kernel 6.1'", "--kernel 9.9", KERNELS),
            new Case("--kernel 6 -c 'pci:list'", "--kernel 6", "MAJOR.MINOR"),
            new Case("--kernel=v6.1.2 -c 'pci:list'", "--kernel v6.1.2"),
            new Case("--kernel '' -c 'pci:list'", "--kernel needs a value"),
            new Case("--kernel '6.1; sim:kernel' -c 'pci:list'", "--kernel 6.1; sim:kernel"),
            new Case("--topology nosuch.json -c 'pci:list'", "--topology nosuch.json", "no such file"),
            new Case("--topology hots -c 'pci:list'", "--topology hots", "host"),
            new Case("--topology bad.json -c 'pci:list'", "--topology bad.json", "$.devices[1].parent"),
            new Case("--topology . -c 'pci:list'", "--topology .", "not a regular file"),
            new Case("--mirror '' -c 'pci:list'", "--mirror needs a value"),
            new Case("--mirror bad.json -c 'pci:list'", "--mirror bad.json", "not a directory"),
            new Case("--mirror bad.json/sub -c 'pci:list'", "--mirror bad.json/sub", "Not a directory"),
            new Case("--mirror /sys -c 'pci:list'", "--mirror /sys", "never writes"),
            new Case("--mirror /proc/self/x -c 'pci:list'", "--mirror /proc/self/x", "never writes"),
            new Case("--mirror /dev/shm/pmlab-x -c 'pci:list'", "--mirror /dev/shm/pmlab-x", "never writes"),
            new Case("--firmwar nod3cold -c 'pci:list'", "unknown option '--firmwar'", "--firmware"),
            new Case("-x", "unknown option '-x'"),
            new Case("-c", "-c needs commands"),
            new Case("-c 'pci:list' extra", "unexpected argument 'extra'"),
            new Case("nosuch.gogo", "cannot read script 'nosuch.gogo'"));

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Integer.getInteger(DocExamplesTest.PARALLEL_PROPERTY, 2));
    private static final List<Path> DIRS = new ArrayList<>();

    /** What one case did: the run, and the working directory's files before and after. */
    private record Outcome(Launcher.Run run, List<String> before, List<String> after) {
    }

    @TestFactory
    Stream<DynamicTest> everyBadLauncherOptionIsAOneLineUsageError() {
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (Case c : CASES) {
            Path dir = Launcher.workDir();
            synchronized (DIRS) {
                DIRS.add(dir);
            }
            outcomes.add(POOL.submit(() -> {
                List<String> before = listing(dir);
                Launcher.Run run = Launcher.bash(dir, "./pmlab " + c.args(), false);
                return new Outcome(run, before, listing(dir));
            }));
        }
        return java.util.stream.IntStream.range(0, CASES.size()).mapToObj(i -> DynamicTest.dynamicTest(
                CASES.get(i).toString(), () -> {
                    Outcome o = outcomes.get(i).get();
                    check(CASES.get(i), o.run(), o.before(), o.after());
                }));
    }

    private static void check(Case c, Launcher.Run run, List<String> before, List<String> after) {
        assertThat(run.status()).as("exit status of %s (stderr: %s)", c, run.stderr()).isEqualTo(2);
        assertThat(run.stdout()).as("stdout of %s", c).isEmpty();
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).as("stderr of %s", c).hasSize(1);
        String line = lines.get(0);
        assertThat(line).startsWith("pmlab: ");
        for (String m : c.mentions()) {
            assertThat(line).as("error line of %s", c).contains(m);
        }
        assertThat(ErrorLines.problem(line)).as("error line of %s", c).isNull();
        assertThat(after).as("files after %s", c).isEqualTo(before);
    }

    private static List<String> listing(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(n -> !n.startsWith("stdout") && !n.startsWith("stderr"))
                    .sorted().collect(Collectors.toList());
        }
    }

    @AfterAll
    static void cleanUp() {
        POOL.shutdownNow();
        synchronized (DIRS) {
            DIRS.forEach(Launcher::delete);
        }
    }
}
