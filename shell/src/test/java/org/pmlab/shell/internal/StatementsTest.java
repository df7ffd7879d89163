package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

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
}
