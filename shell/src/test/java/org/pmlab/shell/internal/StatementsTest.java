package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.Parser.Executable;
import org.apache.felix.gogo.runtime.Parser.Operator;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.junit.jupiter.api.Test;
import org.pmlab.shell.internal.Statements.Statement;

class StatementsTest {

    private static List<String> texts(String script) {
        return Statements.split(script).stream().map(Statement::text).toList();
    }

    @Test
    void splitsOnSemicolonsAndLineBreaks() {
        assertThat(texts("echo a; echo b\necho c;\r\necho d;")).containsExactly("echo a", "echo b", "echo c", "echo d");
    }

    @Test
    void keepsQuotesBracesParenthesesAndClosuresWhole() {
        assertThat(texts("echo 'x; y' \"u; v\"; each [1 2] { echo $it; echo z }; (echo a; echo b); f = { a; b }"))
                .containsExactly("echo 'x; y' \"u; v\"", "each [1 2] { echo $it; echo z }", "(echo a; echo b)", "f = { a; b }");
    }

    @Test
    void keepsClosuresThatSpanLines() {
        assertThat(texts("each [1 2] {\n  echo $it\n}\necho done"))
                .containsExactly("each [1 2] {\n  echo $it\n}", "echo done");
    }

    @Test
    void keepsPipelinesAndConditionalsAsOneStatement() {
        assertThat(texts("lb | grep pmlab; nosuch || echo fallback && echo both; sleep 1 & echo bg"))
                .containsExactly("lb | grep pmlab", "nosuch || echo fallback && echo both", "sleep 1 & echo bg");
    }

    @Test
    void dropsCommentsAndBlankLines() {
        assertThat(texts("# setup\n\necho a # trailing\n   \n# end\n")).containsExactly("echo a");
    }

    @Test
    void numbersLinesFromOne() {
        assertThat(Statements.split("# header\necho a\n\necho b; echo c"))
                .extracting(Statement::line).containsExactly(2, 4, 4);
    }

    @Test
    void rejectsAnUnbalancedQuote() {
        assertThatThrownBy(() -> Statements.split("echo ok\necho \"open")).isInstanceOf(SyntaxError.class);
    }

    @Test
    void numbersLinesAfterClosuresQuotesAndContinuationsThatSpanLines() {
        String script = "each [1 2] {\n  echo $it\n}\necho 'two\nlines'\necho a \\\n  b\n(echo x\necho y)\necho last";

        assertThat(Statements.split(script)).extracting(Statement::line).containsExactly(1, 4, 6, 8, 10);
        assertThat(texts(script)).containsExactly("each [1 2] {\n  echo $it\n}", "echo 'two\nlines'", "echo a \\\n  b",
                "(echo x\necho y)", "echo last");
    }

    @Test
    void splitsAsAParseOfTheWholeScriptWould() {
        String script = String.join("\n", "# a comment", "a = { x; y", "  z }", "echo \"q; r", "s\" ; f [1", "2 3]",
                "g && h || i", "", "  j; k # tail", "m = (", "n", ")", "echo done");

        assertThat(Statements.split(script)).isEqualTo(wholeScript(script));
    }

    @Test
    void reportsASyntaxErrorAtItsLineInTheScript() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            script.append("echo ").append(i).append('\n');
        }
        script.append("echo \"open\necho more\n");

        assertThatThrownBy(() -> Statements.split(script)).isInstanceOfSatisfying(SyntaxError.class,
                e -> assertThat(e.line()).isEqualTo(wholeScriptError(script.toString()).line()));
    }

    @Test
    void splitsAScriptOfTwentyThousandStatements() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            script.append("pci:bind 0000:").append(i % 256).append(":00.0 vfio-pci\n");
        }

        List<Statement> statements = Statements.split(script);

        assertThat(statements).hasSize(20_000);
        assertThat(statements.get(19_999).line()).isEqualTo(20_000);
    }

    /** The reference: one Gogo parse of the whole text (quadratic, fine for small scripts). */
    private static List<Statement> wholeScript(String script) {
        List<Statement> out = new ArrayList<>();
        Executable first = null;
        Executable last = null;
        for (var token : new Parser(script).program().tokens()) {
            boolean separator = token instanceof Operator
                    && (token.toString().equals(";") || token.toString().isBlank());
            if (separator) {
                addWhole(out, script, first, last);
                first = null;
                last = null;
            } else {
                first = first == null ? token : first;
                last = token;
            }
        }
        addWhole(out, script, first, last);
        return out;
    }

    private static void addWhole(List<Statement> out, String script, Executable first,
            Executable last) {
        if (first != null) {
            String text = script.substring(first.start(), last.start() + last.length()).strip();
            if (!text.isEmpty()) {
                out.add(new Statement(text, first.line() + 1));
            }
        }
    }

    private static SyntaxError wholeScriptError(String script) {
        try {
            new Parser(script).program();
        } catch (SyntaxError e) {
            return e;
        }
        throw new AssertionError("the script parses");
    }
}
