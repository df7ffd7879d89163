package org.pmlab.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.gogo.runtime.SyntaxError;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.pmlab.shell.internal.Statements.Statement;

/**
 * The body of a non-interactive run: read and split the script, wait for the platform,
 * run every statement, and answer the process exit status.
 */
final class ScriptMain implements MainTask {

    static final int OK = 0;
    /** a statement failed, or the script does not parse */
    static final int FAILED = 1;
    /** the script file cannot be read */
    static final int UNREADABLE = 2;

    private final String text;
    private final Path file;
    private final Startup startup;
    private final CommandProcessor processor;
    private final Path profile;
    private final ErrorMessages messages;

    /**
     * @param file    the script file, or {@code null} to run {@code text}
     * @param profile the console's Gogo profile, sourced first so that a script sees what a
     *                user at the prompt sees; {@code null} for none
     */
    ScriptMain(String text, Path file, Startup startup, CommandProcessor processor, Path profile,
            ErrorMessages messages) {
        this.messages = messages;
        this.text = text;
        this.file = file;
        this.startup = startup;
        this.processor = processor;
        this.profile = profile;
    }

    @Override
    public Integer call() throws InterruptedException {
        // The process's own streams: System.out is Gogo's per-thread multiplexer by now.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        String origin = file == null ? null : file.toString();
        Progress.mode(Progress.Mode.LINES, err);

        List<Statement> statements;
        try {
            statements = Statements.split(file == null ? text : Files.readString(file));
        } catch (IOException e) {
            err.println("pmlab: cannot read " + file + ": " + ErrorMessages.io(e));
            return UNREADABLE;
        } catch (SyntaxError e) {
            String where = origin == null ? "" : origin + ":" + (e.line() + 1) + ": ";
            err.println("pmlab: " + where + "syntax error: " + ScriptExecutor.oneLine(ErrorMessages.clean(e.getMessage()), 200));
            return FAILED;
        }

        int status = startup.prepare(err, false);
        if (status != Startup.GO) {
            return status;
        }

        try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
            try {
                Sessions.configure(session, profile, false);
            } catch (Exception e) {
                err.println("pmlab: " + profile + ": " + messages.describe(e, java.util.Set.of()));
                return FAILED;
            }
            return new ScriptExecutor(session, out, err, origin, messages).run(statements);
        }
    }
}
