package org.pmlab.shell.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive console: Gogo's JLine shell ({@code gosh}, with line editing, history,
 * completion and {@code help}) on the process's terminal. Leaving it (Ctrl-D, {@code exit})
 * ends the task with status 0.
 * <p>
 * pmlab opens this console itself instead of letting the gogo.jline bundle do it
 * ({@code gosh.args=--nointeractive}) for one reason: JLine 3.26 finds its terminal
 * providers only through the thread context class loader, which in OSGi cannot see the
 * JLine bundle, so gogo.jline's own console silently degrades to a dumb terminal without
 * line editing. Setting the context loader around the build is the workaround Karaf uses.
 */
final class ConsoleMain implements MainTask {

    private final PlatformReadiness readiness;
    private final Duration bound;
    private final CommandProcessor processor;
    private volatile Terminal terminal;

    ConsoleMain(PlatformReadiness readiness, Duration bound, CommandProcessor processor) {
        this.readiness = readiness;
        this.bound = bound;
        this.processor = processor;
    }

    @Override
    public Integer call() throws Exception {
        // The first prompt should see every pmlab command; if something is missing, say what
        // and open the console anyway so the user can look (scr:list, lb).
        List<String> problems = readiness.await(bound);
        if (!problems.isEmpty()) {
            PlatformReadiness.print(System.err, bound, problems);
        }
        try (Terminal terminal = systemTerminal();
                CommandSession session = processor.createSession(terminal.input(), terminal.output(), terminal.output())) {
            this.terminal = terminal;
            Progress.mode(Progress.Mode.BAR, new java.io.PrintStream(terminal.output(), true));
            session.put(Shell.VAR_TERMINAL, terminal);
            // Called directly, as gogo.jline's own activator does: through session.execute
            // the console would be a job that every command it runs waits for.
            Function gosh = (Function) session.get("gogo:gosh");
            if (gosh == null) {
                throw new IllegalStateException("pmlab: no gogo:gosh command: org.apache.felix.gogo.jline is not active");
            }
            // --login reads the profile (gosh.home/etc/gosh_profile: the prompt); --noshutdown
            // leaves stopping the framework to the launcher once this task returns
            gosh.execute(session, List.of("--login", "--noshutdown"));
        } catch (IOException closedUnderUs) {
            // interrupt() closed the terminal: the framework is going down
        }
        return 0;
    }

    private static Terminal systemTerminal() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder()
                    .name("pmlab")
                    .system(true)
                    .nativeSignals(true)
                    // Ctrl-C interrupts the line being edited, not the JVM
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void interrupt() {
        Terminal current = terminal;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closing is best effort: the JVM is about to exit
            }
        }
    }
}
