package org.pmlab.pm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * The end-of-scenario check of every count: each device of the fixture must be listed with its
 * usage count, active children and runtime status; a link whose consumer is suspended holds no
 * supplier reference; nothing in the kernel log reports an unbalanced put.
 */
final class Ledger {

    private record Row(int usage, int kids, String status) {
    }

    private final RpmFixture f;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private Ledger(RpmFixture f) {
        this.f = f;
    }

    static Ledger of(RpmFixture f) {
        return new Ledger(f);
    }

    Ledger expect(PmDevice dev, int usage, int kids, String status) {
        rows.put(dev.name(), new Row(usage, kids, status));
        return this;
    }

    void check() {
        List<String> wrong = new ArrayList<>();
        for (PmDevice d : f.devices.all()) {
            PmInfo i = d.info();
            Row r = rows.get(d.name());
            if (r == null) {
                wrong.add(d.name() + ": not in the ledger (u=" + i.usageCount() + " k=" + i.activeKids() + " "
                        + i.runtimeStatus() + ")");
            } else if (i.usageCount() != r.usage() || i.activeKids() != r.kids() || !i.runtimeStatus().equals(r.status())) {
                wrong.add(String.format("%s: expected u=%d k=%d %s, was u=%d k=%d %s", d.name(), r.usage(), r.kids(),
                        r.status(), i.usageCount(), i.activeKids(), i.runtimeStatus()));
            }
            for (PmDeviceLink l : f.devices.suppliers(d)) {
                if (l.flags().contains(DeviceLinkFlag.PM_RUNTIME) && i.status() == RuntimeStatus.SUSPENDED
                        && l.rpmActive() != 1) {
                    wrong.add(l.name() + ": rpm_active " + l.rpmActive() + " with the consumer suspended");
                }
            }
        }
        for (String text : f.logText()) {
            if (text.contains("underflow")) {
                wrong.add("kernel log: " + text);
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("ledger mismatch:\n  " + String.join("\n  ", wrong));
        }
    }
}
