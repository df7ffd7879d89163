package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.EOFError;
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
     * @throws SyntaxError when the script does not parse (unbalanced quote or brace, ...); its line counts
     *         from the start of the script
     */
    static List<Statement> split(CharSequence script) {
        // Gogo's tokenizer finds each token's line by scanning from the start of the text it was given, so one
        // parse of a whole script takes time quadratic in its length (minutes for 20k lines). The script is parsed
        // a line at a time instead: a line that leaves a quote, brace or bracket open (EOFError) takes the next
        // lines along, doubling, until the piece parses. A piece that parses ends at a top-level line break, so
        // its statements are the ones a parse of the whole script would find there.
        String text = script.toString();
        List<Statement> statements = new ArrayList<>();
        int from = 0;
        int fromLine = 0;
        int lines = 1;
        while (from < text.length()) {
            int to = afterLines(text, from, lines);
            String piece = text.substring(from, to);
            List<Executable> tokens;
            try {
                tokens = new Parser(piece).program().tokens();
            } catch (EOFError e) {
                if (to < text.length()) {
                    lines *= 2;
                    continue;
                }
                throw shifted(e, fromLine);
            } catch (SyntaxError e) {
                throw shifted(e, fromLine);
            }
            collect(statements, piece, fromLine, tokens);
            fromLine += newlines(text, from, to);
            from = to;
            lines = 1;
        }
        return statements;
    }

    private static void collect(List<Statement> statements, String piece, int fromLine, List<Executable> tokens) {
        Executable first = null;
        Executable last = null;
        for (Executable token : tokens) {
            if (token instanceof Operator && isSeparator(token)) {
                add(statements, piece, fromLine, first, last);
                first = null;
                last = null;
            } else {
                if (first == null) {
                    first = token;
                }
                last = token;
            }
        }
        add(statements, piece, fromLine, first, last);
    }

    /** The offset just past the {@code count}th line break from {@code from}, or the end of the text. */
    private static int afterLines(String text, int from, int count) {
        int at = from;
        for (int i = 0; i < count; i++) {
            int newline = text.indexOf('\n', at);
            if (newline < 0) {
                return text.length();
            }
            at = newline + 1;
        }
        return at;
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static SyntaxError shifted(SyntaxError e, int lines) {
        SyntaxError moved = new SyntaxError(e.line() + lines, e.column(), e.getMessage());
        moved.setStackTrace(e.getStackTrace());
        return moved;
    }

    private static boolean isSeparator(CharSequence operator) {
        String text = operator.toString();
        return text.equals(";") || text.isBlank();
    }

    private static void add(List<Statement> statements, String piece, int fromLine, Executable first, Executable last) {
        if (first != null) {
            // a stray carriage return (CRLF files) parses as a statement of its own
            String text = piece.substring(first.start(), last.start() + last.length()).strip();
            if (!text.isEmpty()) {
                statements.add(new Statement(text, fromLine + first.line() + 1));
            }
        }
    }
}
