package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;

/**
 * The wrapper every pmlab command runs behind, in a real Gogo runtime: Gogo converts and
 * chooses the form, the wrapper answers --help and turns "Cannot coerce" into the argument and
 * the problem.
 */
class CommandFunctionTest {

    /** A command component as pmlab writes them. */
    public static class Demo {
        String last;

        @Descriptor("set a delay")
        @Example("t:delay 0000:01:00.0 100")
        public String delay(@Descriptor("a function") Bdf bdf, @Descriptor("in ms") Args.Int delayMs) {
            last = bdf + " " + delayMs;
            return last;
        }

        @Descriptor("show one")
        public String show(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
                absentValue = "false") boolean json, @Descriptor("the device") Args.DeviceName device) {
            return device + (json ? " json" : "");
        }

        @Descriptor("switch")
        public String mode(@Descriptor("on or off") OnOff value) {
            return value.word();
        }

        @Descriptor("with a value option")
        public String opt(@Descriptor("a parent") @Parameter(names = {"-p", "--parent"}, absentValue = "") String parent,
                @Descriptor("name") String name) {
            return name + "<" + parent;
        }
    }

    private ThreadIOImpl threadIO;
    private CommandSession session;
    private final Demo demo = new Demo();

    @BeforeEach
    void startGogo() {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        processor.addConverter(new ArgumentConverter());
        for (String f : new String[] {"delay", "show", "mode", "opt"}) {
            processor.addCommand("t", new CommandFunction(CommandSpec.of("t", f, demo, f)), f);
        }
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @AfterEach
    void stopGogo() {
        session.close();
        threadIO.stop();
    }

    @Test
    void typedArgumentsAreConvertedByGogo() throws Exception {
        assertThat(session.execute("t:delay 0000:00:1C.0 -5")).isEqualTo("0000:00:1c.0 -5");
        assertThat(session.execute("t:show --json 0000:01:00.0")).isEqualTo("0000:01:00.0 json");
        assertThat(session.execute("t:mode ON")).isEqualTo("on");
        assertThat(session.execute("t:opt --parent=p c")).isEqualTo("c<p");
        assertThat(session.execute("t:show null")).isEqualTo("null");
    }

    @Test
    void aValueThatDoesNotConvertIsNamedWithItsProblem() {
        assertThatThrownBy(() -> session.execute("t:delay 0000:01:00.0 2147483648")).isInstanceOf(UsageException.class)
                .hasMessage("DELAY_MS: 2147483648 is out of range (expected an int from -2147483648 to 2147483647)");
        assertThatThrownBy(() -> session.execute("t:delay zz 1")).hasMessage(
                "BDF: malformed BDF 'zz': expected DDDD:BB:DD.F such as 0000:01:00.0");
        assertThatThrownBy(() -> session.execute("t:mode maybe")).hasMessage("VALUE: 'maybe': expected on or off");
        assertThat(demo.last).isNull();
    }

    @Test
    void arityAndOptionsAreExplainedWithTheUsage() {
        assertThatThrownBy(() -> session.execute("t:delay 0000:01:00.0")).hasMessage(
                "missing DELAY_MS; usage: t:delay BDF DELAY_MS");
        assertThatThrownBy(() -> session.execute("t:delay 0000:01:00.0 1 2")).hasMessage(
                "too many arguments: '2'; usage: t:delay BDF DELAY_MS");
        assertThatThrownBy(() -> session.execute("t:show --bogus x")).hasMessage(
                "unknown option '--bogus'; t:show takes --json; usage: t:show [--json] DEVICE");
        assertThatThrownBy(() -> session.execute("t:opt c --parent")).hasMessage(
                "option --parent needs a value (PARENT); usage: t:opt [-p|--parent PARENT] NAME");
        assertThatThrownBy(() -> session.execute("t:mode")).hasMessageStartingWith("missing VALUE");
    }

    @Test
    void helpAnswersForEveryCommand() throws Exception {
        String help = String.valueOf(session.execute("t:delay --help"));
        assertThat(help).startsWith("t:delay - set a delay\n\nUsage:\n  t:delay BDF DELAY_MS\n")
                .contains("  BDF       a function\n", "  DELAY_MS  in ms\n", "Example:\n  t:delay 0000:01:00.0 100");
        assertThat(String.valueOf(session.execute("t:mode --help"))).contains("on   switch it on", "off  switch it off");
        assertThat(demo.last).isNull();
    }
}
