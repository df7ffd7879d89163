package org.pmlab.shell.internal;

import java.util.List;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * {@code pci:bind} and {@code pci:unbind} over a selection of functions: for each, what a user
 * does at a root prompt for one (driver_override, unbind from another driver, bind), as one
 * step: time settles once, after the last. A function that fails does not stop the others; the
 * statement fails at the end, naming the first failure and how many there were.
 */
final class BulkBinding {

    private final Steps steps;

    BulkBinding(Steps steps) {
        this.steps = steps;
    }

    String bind(PciSelection selection, String driver) {
        Machine m = steps.machine();
        PciBus bus = m.pci();
        if (!bus.drivers().contains(driver)) {
            throw new IllegalArgumentException("no driver named '" + driver + "'; registered: " + String.join(", ", bus.drivers()));
        }
        List<PciDevice> chosen = selection.select(m);
        int mark = steps.begin(m);
        Failures failures = new Failures("bind to " + driver);
        int bound = 0;
        int already = 0;
        try (Progress progress = Progress.start("pci:bind", "functions", chosen.size())) {
            for (int i = 0; i < chosen.size(); i++) {
                progress.step(i);
                PciDevice d = chosen.get(i);
                if (d.driver().filter(driver::equals).isPresent()) {
                    already++;
                    continue;
                }
                int r = bus.setDriverOverride(d.bdf(), driver);
                if (r == 0 && d.driver().isPresent()) {
                    r = bus.unbind(d.bdf());
                }
                if (r == 0) {
                    r = bus.bind(d.bdf(), driver);
                }
                if (r < 0) {
                    failures.add(d, r);
                } else {
                    bound++;
                }
            }
        }
        // Ctrl-C leaves the loop above with what was bound bound and its work queued (sim:settle runs it)
        String out = steps.end(m, mark, "bound " + bound + " function" + (bound == 1 ? "" : "s") + " to " + driver
                + (already > 0 ? " (" + already + " already bound)" : ""));
        failures.throwIfAny(chosen.size(), out);
        return out;
    }

    String unbind(PciSelection selection) {
        Machine m = steps.machine();
        PciBus bus = m.pci();
        List<PciDevice> chosen = selection.select(m);
        int mark = steps.begin(m);
        Failures failures = new Failures("unbind");
        int unbound = 0;
        try (Progress progress = Progress.start("pci:unbind", "functions", chosen.size())) {
            for (int i = 0; i < chosen.size(); i++) {
                progress.step(i);
                PciDevice d = chosen.get(i);
                if (d.driver().isEmpty()) {
                    continue;
                }
                int r = bus.unbind(d.bdf());
                if (r < 0) {
                    failures.add(d, r);
                } else {
                    unbound++;
                }
            }
        }
        if (unbound == 0 && failures.count == 0) {
            throw new IllegalArgumentException("no PCI function " + selection + " is bound to a driver");
        }
        String out = steps.end(m, mark, "unbound " + unbound + " function" + (unbound == 1 ? "" : "s"));
        failures.throwIfAny(chosen.size(), out);
        return out;
    }

    /** The first failure and the count of all. */
    private static final class Failures {
        private final String what;
        private PciDevice first;
        private int firstError;
        private int count;

        Failures(String what) {
            this.what = what;
        }

        void add(PciDevice d, int error) {
            if (count++ == 0) {
                first = d;
                firstError = error;
            }
        }

        /** @param output what the step printed: the kernel's messages, then the summary */
        void throwIfAny(int of, String output) {
            if (count == 0) {
                return;
            }
            // one line however many failed: the first failure, and what became of the rest
            String[] lines = output.split("\n");
            String kernel = lines.length > 1 ? "; kernel: " + lines[0].replaceFirst("^\\[[ 0-9.]+\\] ", "")
                    + (lines.length > 2 ? " (and " + (lines.length - 2) + " more messages, see sim:dmesg)" : "") : "";
            throw new IllegalStateException(what + " failed for " + count + " of " + of + " functions, first "
                    + first.bdf() + ": " + Errno.describe(firstError) + kernel + "; " + lines[lines.length - 1]);
        }
    }
}
