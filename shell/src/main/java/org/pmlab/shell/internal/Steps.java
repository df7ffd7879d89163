package org.pmlab.shell.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.LogLine;

/**
 * What every command that changes the model does around its step: remember where the kernel log
 * was, and afterwards print what the step logged and, unless the user steps time by hand
 * ({@code sim:autosettle off}), let simulated time run until the machine is idle, as it would
 * between two commands typed at a real root prompt.
 */
@Component(service = Steps.class)
public final class Steps {

    private final Lab lab;
    private volatile boolean autosettle = true;

    @Activate
    public Steps(@Reference Lab lab) {
        this.lab = lab;
    }

    Machine machine() {
        return lab.live();
    }

    Lab lab() {
        return lab;
    }

    boolean autosettle() {
        return autosettle;
    }

    void autosettle(boolean on) {
        autosettle = on;
    }

    /** Starts a step: returns the log mark. */
    int begin(Machine m) {
        return m.log().size();
    }

    /**
     * Ends a step: settles (when on) and returns the kernel log lines the step produced, each
     * on its own line, followed by {@code result} when not null.
     */
    String end(Machine m, int mark, String result) {
        if (autosettle) {
            settle(m, "settling");
        }
        return withLog(m.log(), mark, result);
    }

    /** Settles, showing progress on a big machine; Ctrl-C stops it with the rest left queued. */
    static int settle(Machine m, String what) {
        try (Progress progress = Progress.start(what, "work items", 0)) {
            return m.clock().settle(progress.forModel());
        }
    }

    static String withLog(KernelLog log, int mark, String result) {
        StringBuilder sb = new StringBuilder();
        for (LogLine l : log.since(mark)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(l.line());
        }
        if (result != null) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(result);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
