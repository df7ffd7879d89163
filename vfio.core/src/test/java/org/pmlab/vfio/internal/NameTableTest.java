package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The drvdata table against a HashMap, through random binds and unbinds. */
class NameTableTest {

    private record Dev(String name, int generation) {
    }

    @Test
    void findsWhatWasFiledAndForgetsWhatWasRemoved() {
        Random random = new Random(15);
        NameTable<Dev> table = new NameTable<>(Dev::name);
        Map<String, Dev> expected = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            String name = String.format("0000:%02x:%02x.%d", random.nextInt(4), random.nextInt(32), random.nextInt(8));
            Dev filed = expected.get(name);
            switch (random.nextInt(3)) {
                case 0 -> {
                    Dev d = new Dev(name, n);
                    table.put(d);
                    expected.put(name, d);
                }
                case 1 -> {
                    Dev other = new Dev(name, -1); // not the one filed: stays
                    assertThat(table.remove(other)).isFalse();
                    if (filed != null) {
                        assertThat(table.remove(filed)).isTrue();
                        expected.remove(name);
                    }
                }
                default -> assertThat(table.get(name)).isSameAs(filed);
            }
            assertThat(table.isEmpty()).isEqualTo(expected.isEmpty());
        }
        for (Map.Entry<String, Dev> e : expected.entrySet()) {
            assertThat(table.get(e.getKey())).isSameAs(e.getValue());
        }
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(expected.values());
    }
}
