package org.pmlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PropertyTest {

    private static final Gen<List<Integer>> LISTS = Gen.between(0, 1000).list(0, 40);

    @Test
    void aFailureIsShrunkToTheSimplestCounterexample() {
        assertThatThrownBy(() -> Property.forAll("no element reaches 10", LISTS).seed(7).tries(200)
                .check(l -> assertThat(l).allMatch(x -> x < 10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed ")
                .hasMessageContaining("-Dpmlab.seed=")
                .hasMessageContaining("choices:\n  [10]\n");
    }

    @Test
    void shrinkingKeepsTheStructureThatMatters() {
        // fails only with three or more elements in descending order somewhere
        assertThatThrownBy(() -> Property.forAll("no descending run of three", LISTS).seed(11).tries(500)
                .check(l -> {
                    for (int i = 0; i + 2 < l.size(); i++) {
                        assertThat(l.get(i) > l.get(i + 1) && l.get(i + 1) > l.get(i + 2)).isFalse();
                    }
                }))
                .hasMessageContaining("choices:\n  [2, 1, 0]\n");
    }

    @Test
    void theReportedSeedReplaysTheFailureAsTryZero() {
        String message = "";
        try {
            Property.forAll("sum below 3000", LISTS).seed(3).tries(300).check(l -> assertThat(sum(l)).isLessThan(3000));
        } catch (AssertionError e) {
            message = e.getMessage();
        }
        long seed = Long.parseLong(message.replaceAll("(?s).*-Dpmlab\\.seed=(-?\\d+).*", "$1"));
        List<Integer> original = Gen.between(0, 1000).list(0, 40).draw(Choices.random(seed));
        assertThat(sum(original)).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void runsAreDeterministic() {
        List<List<Integer>> a = Property.samples(LISTS, 42, 20).collect(Collectors.toList());
        List<List<Integer>> b = Property.samples(LISTS, 42, 20).collect(Collectors.toList());
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void replayClampsEditedChoicesToTheirBounds() {
        Choices c = Choices.replay(new long[] {99, -5});
        assertThat(c.between(1, 3)).isEqualTo(3);
        assertThat(c.between(1, 3)).isEqualTo(1);
        assertThat(c.between(1, 3)).as("past the end every choice is the simplest").isEqualTo(1);
        assertThat(c.recorded()).containsExactly(2, 0);
    }

    @Test
    void textHasNoSurrogates() {
        Property.samples(Gen.text(30), 5, 300).forEach(s -> assertThat(s.chars().noneMatch(ch -> Character.isSurrogate((char) ch))).isTrue());
    }

    private static int sum(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).sum();
    }
}
