package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.sim.api.TraceRecord;

class TracingTest {

    private final RpmFixture f = new RpmFixture();

    @Test
    void rpmInternalEventsPrintTheKernelsFieldsWithItsPadding() {
        RpmDevice parent = f.device("parent");
        RpmDevice child = f.device("child", parent);
        f.rpm.enable(parent);
        f.rpm.enable(child);
        f.rpm.setActive(parent);
        f.rpm.setActive(child);
        f.trace.enable(true);

        f.rpm.getSync(child);
        f.rpm.getSync(child);
        f.rpm.put(child);
        f.rpm.put(child);
        f.settle();

        for (TraceRecord r : f.trace.records()) {
            if (r.event().equals("rpm_idle") || r.event().equals("rpm_suspend") || r.event().equals("rpm_resume")
                    || r.event().equals("rpm_usage")) {
                assertThat(r.text()).matches("\\S+ flags-[0-9a-f]+ cnt-\\d+ *dep-\\d+ *auto-\\d p-\\d irq-\\d child-\\d+");
                String[] f = r.text().split(" +");
                assertThat(r.text()).isEqualTo(String.format("%s flags-%x cnt-%-2d dep-%-2d auto-%-1d p-%-1d irq-%-1d child-%d",
                        f[0], Integer.parseInt(f[1].substring(6), 16), number(f[2]), number(f[3]), number(f[4]),
                        number(f[5]), number(f[6]), number(f[7])));
            }
        }
        assertThat(f.trace.records()).extracting(TraceRecord::text).contains("child flags-a cnt-0  dep-0  auto-1 p-0 irq-0 child-0",
                "parent flags-5 cnt-0  dep-0  auto-1 p-0 irq-0 child-1");
    }

    private static int number(String field) {
        return Integer.parseInt(field.substring(field.indexOf('-') + 1));
    }
}
