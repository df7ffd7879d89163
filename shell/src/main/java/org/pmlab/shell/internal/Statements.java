package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.Parser.Executable;
import org.apache.felix.gogo.runtime.Parser.Operator;
import org.apache.felix.gogo.runtime.SyntaxError;

/**
 * Splits a Gogo script into the statements a user would type one line at a time.
 * <p>
 * Gogo's own parser finds the boundaries, so quotes, braces, parentheses, closures and
 * comments survive. A statement ends at {@code ;} or a line break; {@code &&}, {@code ||}
 * and {@code &} join their operands into one statement, as they would on one typed line.
 */
final class Statements {

    /** One statement: its source text and its 1-based line in the script. */
    record Statement(String text, int line) {}

    private Statements() {}

    /**
     * @throws SyntaxError when the script does not parse (unbalanced quote or brace, ...)
     */
    static List<Statement> split(CharSequence script) {
        List<Statement> statements = new ArrayList<>();
        Executable first = null;
        Executable last = null;
        for (Executable token : new Parser(script).program().tokens()) {
            if (token instanceof Operator && isSeparator(token)) {
                add(statements, script, first, last);
                first = null;
                last = null;
            } else {
                if (first == null) {
                    first = token;
                }
                last = token;
            }
        }
        add(statements, script, first, last);
        return statements;
    }

    private static boolean isSeparator(CharSequence operator) {
        String text = operator.toString();
        return text.equals(";") || text.isBlank();
    }

    private static void add(List<Statement> statements, CharSequence script, Executable first, Executable last) {
        if (first != null) {
            // a stray carriage return (CRLF files) parses as a statement of its own
            String text = script.subSequence(first.start(), last.start() + last.length()).toString().strip();
            if (!text.isEmpty()) {
                statements.add(new Statement(text, first.line() + 1));
            }
        }
    }
}
