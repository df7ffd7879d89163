package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact history against a plain list of the last {@code capacity} changes. */
class ChangeHistoryTest {

    private record Change(long t, int code) {
    }

    @Test
    void holdsTheLastChangesWithTheirTimesWhateverTheBursts() {
        Random random = new Random(15);
        for (int capacity : new int[] {1, 2, 3, 7, 64, 100, 300}) {
            ChangeHistory h = new ChangeHistory(capacity);
            List<Change> all = new ArrayList<>();
            long t = 0;
            for (int n = 0; n < 2_000; n++) {
                if (random.nextInt(4) == 0) {
                    t += 1 + random.nextInt(3); // bursts of changes at one instant, then a step
                }
                int code = random.nextInt(1 << ChangeHistory.CODE_BITS);
                h.append(t, code);
                all.add(new Change(t, code));
                List<Change> held = all.subList(Math.max(0, all.size() - capacity), all.size());
                assertThat(h.wrapped()).isEqualTo(all.size() > capacity);
                assertThat(h.oldestNs()).isEqualTo(held.get(0).t());
                long after = random.nextBoolean() ? -1 : held.get(random.nextInt(held.size())).t();
                List<Change> expected = new ArrayList<>();
                for (int k = held.size() - 1; k >= 0 && held.get(k).t() > after; k--) {
                    expected.add(held.get(k));
                }
                List<Change> seen = new ArrayList<>();
                h.newestFirst(after, (time, c) -> seen.add(new Change(time, c)));
                assertThat(seen).as("capacity %d after %d changes", capacity, all.size()).isEqualTo(expected);
            }
        }
    }
}
