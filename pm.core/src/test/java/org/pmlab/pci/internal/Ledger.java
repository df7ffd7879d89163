package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.LogLine;

/**
 * The end-of-scenario check of every count on a machine: each device's usage count, active
 * children and runtime status must equal what the scenario expects, and every device it does
 * not name must be as it was right after boot. Links of suspended consumers hold no supplier
 * reference, and the kernel log reports no unbalanced put.
 */
final class Ledger {

    private final PciFixture f;
    private final Map<String, PciFixture.Counts> expected = new HashMap<>();

    private Ledger(PciFixture f) {
        this.f = f;
    }

    static Ledger of(PciFixture f) {
        return new Ledger(f);
    }

    Ledger expect(Bdf bdf, int usage, int kids, String status) {
        return expect(bdf.toString(), usage, kids, status);
    }

    /** A device that is not a PCI function: a host bridge such as "pci0000:00". */
    Ledger expect(String device, int usage, int kids, String status) {
        expected.put(device, new PciFixture.Counts(usage, kids, status));
        return this;
    }

    void check() {
        List<String> wrong = new ArrayList<>();
        for (PmDevice d : f.m.pmDevices().all()) {
            PmInfo i = d.info();
            PciFixture.Counts want = expected.getOrDefault(d.name(), f.baseline.get(d.name()));
            PciFixture.Counts was = new PciFixture.Counts(i.usageCount(), i.activeKids(), i.runtimeStatus());
            if (want == null) {
                wrong.add(d.name() + ": not in the ledger, " + was);
            } else if (!want.equals(was)) {
                wrong.add(d.name() + ": expected " + want + ", was " + was
                        + (expected.containsKey(d.name()) ? "" : " (as after boot)"));
            }
            for (PmDeviceLink l : f.m.pmDevices().suppliers(d)) {
                if (l.flags().contains(DeviceLinkFlag.PM_RUNTIME) && i.status() == RuntimeStatus.SUSPENDED
                        && l.rpmActive() != 1) {
                    wrong.add(l.name() + ": rpm_active " + l.rpmActive() + " with the consumer suspended");
                }
            }
        }
        for (LogLine l : f.m.log().lines()) {
            if (l.text().contains("underflow")) {
                wrong.add("kernel log: " + l.text());
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("ledger mismatch:\n  " + String.join("\n  ", wrong));
        }
    }
}
