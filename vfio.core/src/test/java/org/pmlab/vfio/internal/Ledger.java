package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.LogLine;

/**
 * The usage-count ledger of docs/vfio-usage-ledger.md as one check: for each device, its usage
 * count, active children and runtime status (as sysfs words), and that nothing in the kernel
 * log reports an unbalanced put. Failures list every mismatch at once.
 */
final class Ledger {

    private record Row(String device, int usage, int kids, String status) {
    }

    private final Machine m;
    private final List<Row> rows = new ArrayList<>();
    private boolean underflowExpected;

    private Ledger(Machine m) {
        this.m = m;
    }

    static Ledger of(Machine m) {
        return new Ledger(m);
    }

    Ledger expect(Bdf bdf, int usage, int kids, String status) {
        rows.add(new Row(bdf.toString(), usage, kids, status));
        return this;
    }

    /** The scenario itself provokes an underflow warning. */
    Ledger underflowExpected() {
        underflowExpected = true;
        return this;
    }

    void check() {
        List<String> wrong = new ArrayList<>();
        for (Row r : rows) {
            PmInfo i = m.pmDevices().get(r.device()).info();
            if (i.usageCount() != r.usage() || i.activeKids() != r.kids() || !i.runtimeStatus().equals(r.status())) {
                wrong.add(String.format("%s: expected u=%d k=%d %s, was u=%d k=%d %s", r.device(), r.usage(), r.kids(),
                        r.status(), i.usageCount(), i.activeKids(), i.runtimeStatus()));
            }
        }
        if (!underflowExpected) {
            for (LogLine l : m.log().lines()) {
                if (l.text().contains("underflow")) {
                    wrong.add("kernel log: " + l.text());
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("ledger mismatch:\n  " + String.join("\n  ", wrong));
        }
    }
}
