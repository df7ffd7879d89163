package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs scripts through a real Gogo runtime, outside OSGi. */
class ScriptExecutorTest {

    /** Commands in scope "t". */
    public static class Commands {
        public String greet(String name) {
            return "hello " + name;
        }

        public void say(String text) {
            System.out.println(text);
        }

        public void none() {}

        public Object info(String name) {
            throw new IllegalArgumentException("no device named '" + name + "'");
        }

        public void bye() {
            throw new ExitRequest(null);
        }

        public void bug() {
            throw new NullPointerException("Cannot invoke \"java.util.List.size()\" because \"x\" is null");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ThreadIOImpl threadIO;
    private CommandSession session;

    @BeforeEach
    void startGogo() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        processor.addCommand("t", new Commands());
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
    }

    @AfterEach
    void stopGogo() {
        session.close();
        threadIO.stop();
    }

    private int run(String script, String origin) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new ScriptExecutor(session, o, e, origin, new ErrorMessages(null)).run(Statements.split(script));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsEachResultAndOutputInOrder() {
        assertThat(run("greet a; say b; none; greet c", null)).isZero();
        assertThat(outLines()).containsExactly("hello a", "b", "hello c");
        assertThat(errLines()).isEmpty();
    }

    @Test
    void keepsVariablesAcrossStatements() {
        assertThat(run("x = (greet world)\n$x", null)).isZero();
        assertThat(outLines()).containsExactly("hello world", "hello world");
    }

    @Test
    void reportsAFailureOnOneLineAndGoesOn() {
        assertThat(run("greet a; t:info nosuch; nosuchcmd\ngreet b", null)).isEqualTo(1);
        assertThat(outLines()).containsExactly("hello a", "hello b");
        assertThat(errLines()).containsExactly(
                "pmlab: t:info nosuch: no device named 'nosuch'",
                "pmlab: nosuchcmd: unknown command 'nosuchcmd'; 'help' lists the commands");
    }

    @Test
    void namesTheFileAndLineOfAFailureInAScriptFile() {
        assertThat(run("# demo\ngreet a\n\nt:info\n  x", "demo.gogo")).isEqualTo(1);
        assertThat(errLines()).hasSize(2)
                .first().asString().startsWith("pmlab: demo.gogo:4: t:info: ");
        assertThat(errLines().get(1)).startsWith("pmlab: demo.gogo:5: x: ");
    }

    @Test
    void flattensAMultiLineMessage() {
        ScriptExecutor executor = new ScriptExecutor(session, System.out, System.err, null, new ErrorMessages(null));
        String line = executor.errorLine(new Statements.Statement("each [1] {\n greet $it\n}", 1),
                new IllegalStateException("first\nsecond"));
        assertThat(line).isEqualTo("pmlab: each [1] { greet $it }: first second");
    }

    @Test
    void exitEndsTheRunWithTheStatusSoFar() {
        assertThat(run("greet a; t:bye; greet b", null)).isZero();
        assertThat(outLines()).containsExactly("hello a");
        assertThat(run("t:info x; t:bye; greet b", null)).isEqualTo(1);
    }

    @Test
    void aBugIsOneLineWithoutJavaNames() {
        assertThat(run("t:bug", null)).isEqualTo(1);
        assertThat(errLines()).containsExactly(
                "pmlab: t:bug: internal error in pmlab (null pointer); at the prompt 'e' prints the details");
    }
}
