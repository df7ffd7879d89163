package org.pmlab.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.pmlab.shell.internal.Statements.Statement;

/**
 * Runs statements one after another in one Gogo session, as if each were typed at the
 * prompt: a non-null result is printed with the session's formatter, a failure is reported
 * as one line on the error stream and the next statement still runs; {@code exit} ends the
 * run there.
 */
final class ScriptExecutor {

    static final int OK = 0;
    static final int FAILED = 1;

    private static final int MAX_ECHOED = 72;

    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;
    private final String origin;
    private final ErrorMessages messages;

    /**
     * @param origin where the statements come from: {@code null} for {@code -c} text, else the
     *               script file's name, printed with the line of a failed statement
     */
    ScriptExecutor(CommandSession session, PrintStream out, PrintStream err, String origin, ErrorMessages messages) {
        this.session = session;
        this.out = out;
        this.err = err;
        this.origin = origin;
        this.messages = messages;
    }

    /** @return the exit status: 0 when every statement succeeded, 1 when one failed, or what {@code exit} said */
    int run(List<Statement> statements) {
        int status = OK;
        for (Statement statement : statements) {
            try {
                if (!execute(statement)) {
                    status = FAILED;
                }
            } catch (ExitRequest exit) {
                return exit.status() == null ? status : exit.status();
            }
        }
        return status;
    }

    private boolean execute(Statement statement) {
        try {
            Object result = session.execute(statement.text());
            // the interactive shell keeps the last result and exception in these variables
            session.put("_", result);
            if (result != null) {
                print(result);
            }
            return true;
        } catch (ExitRequest exit) {
            throw exit;
        } catch (Exception e) {
            session.put("exception", e);
            out.flush();
            err.println(errorLine(statement, e));
            return false;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A result as the console shows it; pmlab's own are written as they are made, not built whole first. */
    private void print(Object result) {
        ChunkedOut chunks = new ChunkedOut(out::append);
        if (ResultFormatter.print(result, session, chunks)) {
            chunks.append('\n').flush();
        } else {
            out.println(session.format(result, Converter.INSPECT));
        }
    }

    String errorLine(Statement statement, Throwable failure) {
        StringBuilder line = new StringBuilder("pmlab: ");
        if (origin != null) {
            line.append(origin).append(':').append(statement.line()).append(": ");
        }
        return line.append(oneLine(statement.text(), MAX_ECHOED)).append(": ")
                .append(messages.describe(failure, commands())).toString();
    }

    @SuppressWarnings("unchecked")
    private Set<String> commands() {
        Object c = session.get(".commands");
        return c instanceof Set<?> s ? (Set<String>) s : Set.of();
    }

    static String oneLine(String text, int max) {
        String flat = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
