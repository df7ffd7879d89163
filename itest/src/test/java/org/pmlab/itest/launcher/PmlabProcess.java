package org.pmlab.itest.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The exported launcher ({@code cnf/target/pmlab.jar}) in a process of its own, as
 * {@code ./pmlab} runs it: the interactive console on a pipe, or a script. Its output is read
 * line by line; waits are for the process's output (wall-clock bounds on a JVM starting), never
 * for the model.
 */
final class PmlabProcess implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PmlabProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null;) {
                    lines.add(l);
                }
            } catch (IOException gone) {
                // the process ended
            }
        }, "pmlab-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar() {
        String p = System.getProperty("pmlab.launcher.jar");
        if (p == null) {
            throw new IllegalStateException("system property pmlab.launcher.jar is not set: run the tests through Maven");
        }
        return Path.of(p);
    }

    private static List<String> java(List<String> props) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dgosh.home=" + Path.of(System.getProperty("pmlab.gosh.home")).toAbsolutePath());
        cmd.add("-Dorg.jline.terminal.provider=dumb");
        cmd.addAll(props);
        cmd.add("-jar");
        cmd.add(jar().toString());
        return cmd;
    }

    /** The interactive console, reading commands from this object's {@link #type}. */
    static PmlabProcess console(List<String> props, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder b = new ProcessBuilder(java(props)).directory(workDir.toFile()).redirectErrorStream(true);
        return new PmlabProcess(b.start());
    }

    /** Runs a script ({@code ./pmlab -c}) to its end; returns its exit status and output. */
    static Result script(String commands, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> props = List.of("-Dpmlab.script=" + commands);
        ProcessBuilder b = new ProcessBuilder(java(props)).directory(workDir.toFile()).redirectErrorStream(true);
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pmlab did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int status, String output) {
    }

    /** Types a line at the console. */
    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for an output line that matches; fails with everything seen so far. */
    String await(Predicate<String> wanted, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<String> hit = seen.stream().filter(wanted).findFirst();
            if (hit.isPresent()) {
                seen.remove(hit.get());
                return hit.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && lines.isEmpty()) {
                throw new AssertionError("pmlab printed no " + what + "; its output:\n" + String.join("\n", seen));
            }
            String l = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (l != null) {
                seen.add(l);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close(); // Ctrl-D: the console ends and the launcher stops the framework
        } catch (IOException gone) {
            // already ended
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
