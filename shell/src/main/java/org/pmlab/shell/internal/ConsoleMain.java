package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Set;
import org.apache.felix.gogo.jline.Expander;
import org.apache.felix.gogo.jline.Highlighter;
import org.apache.felix.gogo.jline.ParsedLineImpl;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.gogo.runtime.CommandSessionImpl;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Job;
import org.jline.builtins.Completers;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.osgi.framework.BundleContext;

/**
 * The interactive console: a JLine line reader on the process's terminal with Gogo's parser,
 * highlighter and expander, pmlab's completion ({@link Completion}) and pmlab's one-line errors
 * ({@link ErrorMessages}), reading statements until {@code exit}, {@code quit} or Ctrl-D.
 * Results print through the session's formatter, as in scripts; messages from background work
 * print above the line being edited ({@link LogConsole}).
 * <p>
 * pmlab runs this loop instead of gogo.jline's {@code gosh} because gosh prints a failure as
 * its exception's {@code toString()} (a Java class name and all) and has no hook to change
 * that. What gosh sets up for Gogo's own commands (the session variables for the terminal,
 * the reader, the processor, the history file) is set up here the same way.
 * <p>
 * JLine 3.26 finds its terminal providers only through the thread context class loader, which
 * in OSGi cannot see the JLine bundle: setting the context loader around the build is the
 * workaround Karaf uses.
 */
final class ConsoleMain implements MainTask {

    private final Startup startup;
    private final CommandProcessor processor;
    private final BundleContext context;
    private final Path profile;
    private final ErrorMessages messages;
    private final CommandCatalog catalog;
    private final java.util.function.Supplier<ArgumentCandidates> candidates;
    private final LogConsole notices;
    private volatile Terminal terminal;

    ConsoleMain(Startup startup, CommandProcessor processor, BundleContext context, Path profile, ErrorMessages messages,
            CommandCatalog catalog, java.util.function.Supplier<ArgumentCandidates> candidates, LogConsole notices) {
        this.startup = startup;
        this.processor = processor;
        this.context = context;
        this.profile = profile;
        this.messages = messages;
        this.catalog = catalog;
        this.candidates = candidates;
        this.notices = notices;
    }

    @Override
    public Integer call() throws Exception {
        // The first prompt should see every pmlab command; if something is missing, say what
        // and open the console anyway so the user can look (scr:list, lb).
        // a big host's boot shows its progress while the console waits for it
        Progress.mode(System.console() != null ? Progress.Mode.BAR : Progress.Mode.LINES, System.err);
        int status = startup.prepare(System.err, true);
        if (status != Startup.GO) {
            return status;
        }
        try (Terminal t = systemTerminal();
                CommandSession session = processor.createSession(t.input(), t.output(), t.output())) {
            this.terminal = t;
            Progress.mode(Progress.Mode.BAR, new PrintStream(t.output(), true));
            LineReader reader = setUp(session, t);
            notices.console(reader);
            try {
                return loop(session, t, reader);
            } finally {
                notices.console(null);
                try {
                    reader.getHistory().save();
                } catch (IOException notSaved) {
                    // the history is a convenience
                }
            }
        } catch (IOException closedUnderUs) {
            // interrupt() closed the terminal: the framework is going down
            return 0;
        }
    }

    /** The session variables gosh sets for Gogo's own commands, the reader, the profile. */
    private LineReader setUp(CommandSession session, Terminal t) throws Exception {
        session.put(Shell.VAR_TERMINAL, t);
        session.put(Shell.VAR_CONTEXT, context);
        session.put(Shell.VAR_PROCESSOR, processor);
        session.put(Shell.VAR_SESSION, session);
        session.put("#TERM", (Function) (s, arguments) -> t.getType());
        session.put("#COLUMNS", (Function) (s, arguments) -> t.getWidth());
        session.put("#LINES", (Function) (s, arguments) -> t.getHeight());
        session.put("#PWD", (Function) (s, arguments) -> s.currentDir().toString());
        session.put(LineReader.HISTORY_FILE, Paths.get(System.getProperty("user.home"), ".gogo.history"));
        LineReader reader = LineReaderBuilder.builder()
                .terminal(t)
                .appName("pmlab")
                .variables(((CommandSessionImpl) session).getVariables())
                .completer(new Completers.Completer(new Completion(session, catalog, candidates)))
                .highlighter(new Highlighter(session))
                .parser(new Parser())
                .expander(new Expander(session))
                .build();
        reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
        // completion menu with descriptions, grouped
        reader.setOpt(LineReader.Option.AUTO_LIST);
        reader.setOpt(LineReader.Option.GROUP);
        session.put(Shell.VAR_READER, reader);
        session.put(Shell.VAR_COMPLETIONS, new HashMap<>());
        try {
            Sessions.configure(session, profile, true);
        } catch (Exception e) {
            print(t, "pmlab: " + profile + ": " + messages.describe(e, Set.of()), true);
        }
        return reader;
    }

    private int loop(CommandSession session, Terminal t, LineReader reader) {
        Terminal.SignalHandler interrupt = t.handle(Terminal.Signal.INT, signal -> {
            Job current = session.foregroundJob();
            if (current != null) {
                current.interrupt();
            }
        });
        int status = 0;
        try {
            while (true) {
                try {
                    reader.readLine(Shell.getPrompt(session), Shell.getRPrompt(session), (Character) null, null);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C abandons the line
                } catch (EndOfFileException e) {
                    return status; // Ctrl-D
                }
                ParsedLine parsed = reader.getParsedLine();
                if (parsed == null) {
                    return status;
                }
                try {
                    Object result = session.execute(((ParsedLineImpl) parsed).program());
                    session.put(Shell.VAR_RESULT, result);
                    if (result != null) {
                        ChunkedOut chunks = new ChunkedOut(t.writer()::append);
                        if (ResultFormatter.print(result, session, chunks)) {
                            chunks.append('\n').flush();
                        } else {
                            t.writer().println(session.format(result, Converter.INSPECT));
                        }
                        t.flush();
                    }
                    status = 0;
                } catch (ExitRequest exit) {
                    return exit.status() == null ? 0 : exit.status();
                } catch (Exception e) {
                    session.put(Shell.VAR_EXCEPTION, e);
                    print(t, messages.describe(e, commands(session)), true);
                    status = 1;
                }
            }
        } finally {
            t.handle(Terminal.Signal.INT, interrupt);
        }
    }

    /** One line on the terminal; an error in red. */
    private static void print(Terminal t, String line, boolean error) {
        AttributedString s = error ? new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                : new AttributedString(line);
        t.writer().println(s.toAnsi(t));
        t.flush();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> commands(CommandSession session) {
        Object c = session.get(".commands");
        return c instanceof Set<?> s ? (Set<String>) s : Set.of();
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
