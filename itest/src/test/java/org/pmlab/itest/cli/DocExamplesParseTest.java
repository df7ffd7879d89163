package org.pmlab.itest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How examples are found in Markdown and how shown output is compared. */
class DocExamplesParseTest {

    private static List<DocExample> parse(String markdown) {
        return DocExamples.parse(Path.of("X.md"), List.of(markdown.split("\n", -1)));
    }

    @Test
    void aBlockStartingWithTheLauncherHoldsCommandsEachFollowedByItsOutput() {
        List<DocExample> ex = parse("""
                text
                ```
                $ ./pmlab -c 'sim:time'
                time 0.000000 s
                $ ./pmlab --kernel 6.1 -c 'a;
                    b'
                pmlab: a: no
                ```
                ```
                ./pmlab -c 'not an example: no prompt'
                ```
                ```json
                {"$ ./pmlab": 1}
                ```""");
        assertThat(ex).extracting(DocExample::line).containsExactly(3, 5);
        assertThat(ex.get(0).command()).isEqualTo("./pmlab -c 'sim:time'");
        assertThat(ex.get(0).expected()).containsExactly("time 0.000000 s");
        assertThat(ex.get(1).command()).isEqualTo("./pmlab --kernel 6.1 -c 'a;\n    b'");
        assertThat(ex.get(1).expected()).containsExactly("pmlab: a: no");
    }

    @Test
    void aCommandGoesOnWhileAQuoteIsOpenOrALineEndsWithABackslash() {
        assertThat(DocExamples.continues("./pmlab -c 'a")).isTrue();
        assertThat(DocExamples.continues("./pmlab -c \"a 'b\"")).isFalse();
        assertThat(DocExamples.continues("./pmlab -c a \\")).isTrue();
        assertThat(DocExamples.continues("./pmlab -c 'a\\' b")).isFalse();
    }

    @Test
    void anEllipsisLineStandsForAnyLinesIncludingNone() {
        ExpectedOutput e = new ExpectedOutput(List.of("head", "...", "tail"));
        assertThat(e.matches(List.of("head", "tail"))).isTrue();
        assertThat(e.matches(List.of("head", "1", "2", "tail", ""))).isTrue();
        assertThat(e.matches(List.of("head", "1", "tail", "more"))).isFalse();
        assertThat(e.matches(List.of("head  ", "tail"))).isTrue();
        assertThat(new ExpectedOutput(List.of("a", "...")).matches(List.of("a", "b"))).isTrue();
        assertThat(new ExpectedOutput(List.of("a")).matches(List.of("a", "b"))).isFalse();
    }

    @Test
    void onAMismatchTheExpansionDiffersFromTheOutputOnlyWhereTheyDiffer() {
        ExpectedOutput e = new ExpectedOutput(List.of("head", "...", "tail"));
        assertThat(e.expand(List.of("head", "x", "tail"))).isEqualTo("head\nx\ntail");
        assertThat(e.expand(List.of("head", "x", "tale"))).isEqualTo("head\ntail");
    }
}
