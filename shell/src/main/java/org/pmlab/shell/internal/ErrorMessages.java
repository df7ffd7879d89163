package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.EOFError;
import org.apache.felix.gogo.runtime.SyntaxError;

/**
 * The one place that turns a failed statement into the line the user reads, at the prompt and
 * in scripts: a command's own message as it is, Gogo's errors in pmlab's words (an unknown
 * command with the nearest names, a syntax error), and never a Java class name or a stack trace
 * ({@code e} at the prompt prints the trace of the last failure for whoever wants it).
 */
final class ErrorMessages {

    /** Gogo's "no form of NAME fits" for commands that are not pmlab's (pmlab's are diagnosed by {@link UsageCheck}). */
    private static final Pattern COERCE = Pattern.compile("Cannot coerce ([^(]+)\\(");
    /** A qualified Java class name, as exceptions print them into messages. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:java|javax|sun|jdk|org|com)\\.[\\w.$]*\\.([A-Z]\\w*)(: )?");

    private final CommandCatalog catalog;

    /** @param catalog for the names near a mistyped command; null for none */
    ErrorMessages(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    String describe(Throwable failure, Set<String> commands) {
        if (failure instanceof CommandNotFoundException e) {
            return unknownCommand(e.getCommand(), commands);
        }
        if (failure instanceof EOFError || failure instanceof SyntaxError) {
            return "syntax error: " + oneLine(failure.getMessage());
        }
        if (failure instanceof UncheckedIOException u) {
            return io(u.getCause());
        }
        if (failure instanceof IOException io) {
            return io(io);
        }
        if (failure instanceof IllegalArgumentException e && e.getMessage() != null) {
            Matcher m = COERCE.matcher(e.getMessage());
            if (CommandFunction.isCoercionFailure(e) && m.find()) {
                String name = m.group(1);
                return "wrong arguments for " + name + "; 'help " + name + "' shows its usage";
            }
        }
        if (isUserFacing(failure) && failure.getMessage() != null && !failure.getMessage().isBlank()) {
            return clean(failure.getMessage());
        }
        // a bug: the user gets a line, the trace stays in $exception (the 'e' function prints it)
        return "internal error in pmlab (" + kind(failure) + "); at the prompt 'e' prints the details";
    }

    /** Exceptions commands throw on purpose carry a message meant for the user. */
    private static boolean isUserFacing(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof SecurityException
                || t instanceof ArithmeticException;
    }

    private String unknownCommand(String name, Set<String> commands) {
        if (name.indexOf(':') < 0) {
            List<String> scoped = commands.stream().filter(c -> c.endsWith(":" + name.toLowerCase(java.util.Locale.ROOT)))
                    .sorted().toList();
            if (catalog != null) {
                // an alias is its command's other name: list each command once
                scoped = scoped.stream().map(c -> catalog.findOne(c).map(CommandSpec::fullName).orElse(c)).distinct()
                        .toList();
            }
            if (!scoped.isEmpty()) {
                return "'" + name + "' needs its scope: " + String.join(", ", scoped);
            }
        }
        List<String> near = catalog == null ? List.of() : catalog.suggest(name, commands);
        return "unknown command '" + name + "'" + (near.isEmpty() ? "; 'help' lists the commands"
                : "; did you mean " + String.join(", ", near) + "?");
    }

    /** A file system failure in the words ls or cat would use. */
    static String io(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": No such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": Permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": File exists";
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": Not a directory";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "Input/output error" : f.getReason());
        }
        return e == null || e.getMessage() == null ? "Input/output error" : clean(e.getMessage());
    }

    /** First line only, without qualified Java names. */
    static String clean(String message) {
        return JAVA_NAME.matcher(oneLine(message)).replaceAll("");
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return flat.length() <= 500 ? flat : flat.substring(0, 497) + "...";
    }

    /** "a null reference", "an index out of range": what went wrong, not the class. */
    private static String kind(Throwable t) {
        String n = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}
