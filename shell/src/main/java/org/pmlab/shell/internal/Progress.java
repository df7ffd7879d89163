package org.pmlab.shell.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.pmlab.sim.api.WorkProgress;

/**
 * Progress of long work (a bulk bind, a settle, the boot of a big host) on stderr, and the
 * place such work notices Ctrl-C. Only work of {@value #THRESHOLD} items or more reports, so a
 * small host prints exactly what it always did. On a terminal it is one bar redrawn in place;
 * in a script, a plain line at most once a second. Wall-clock time only paces the printing: the
 * model never sees it.
 */
final class Progress implements AutoCloseable {

    /** How the running shell shows progress; set once by the console or the script runner. */
    enum Mode {
        /** nothing (tests, embedding) */
        NONE,
        /** a bar on the terminal, redrawn in place */
        BAR,
        /** "pmlab: WHAT: N of M (P%)" lines, at most one a second */
        LINES
    }

    static final long THRESHOLD = 50_000;
    private static final long LINE_EVERY_NS = 1_000_000_000L;
    private static final long BAR_EVERY_NS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private static volatile Mode mode = Mode.NONE;
    private static volatile PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private static final LongSupplier WALL = System::nanoTime;

    private final String what;
    private final String unit;
    private long total;
    private boolean shown;
    private final boolean show;
    private final long started = WALL.getAsLong();
    private long lastPrinted;
    private int calls;
    private boolean drawn;

    private Progress(String what, String unit, long total, boolean show) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.shown = show && mode != Mode.NONE && total >= THRESHOLD;
        this.show = show;
        this.lastPrinted = started;
    }

    static void mode(Mode m, PrintStream stream) {
        mode = m;
        err = stream;
    }

    static Mode mode() {
        return mode;
    }

    /**
     * @param what what is being done, as the error line names the command ("pci:bind")
     * @param unit what is counted ("functions", "work items")
     */
    static Progress start(String what, String unit, long total) {
        return new Progress(what, unit, total, true);
    }

    /** Work whose own output shows how far it is (a listing printed as it goes): only Ctrl-C is looked for. */
    static Progress silent(String what, String unit, long total) {
        return new Progress(what, unit, total, false);
    }

    /**
     * Notes that {@code done} of the total are done; prints when it is time to.
     *
     * @throws Interrupted when the user pressed Ctrl-C: the work stops here, between two items
     */
    void step(long done) {
        if ((++calls & 0xff) != 0 && done < total) {
            return; // look at the clock and the interrupt flag every 256 items only
        }
        report(done, total);
    }

    /** A {@link WorkProgress} report from the model: done so far of a total that may have grown. */
    void report(long done, long newTotal) {
        total = newTotal;
        shown = show && mode != Mode.NONE && total >= THRESHOLD;
        if (Thread.interrupted()) {
            close();
            throw new Interrupted(what + ": interrupted after " + done + " of " + total + " " + unit);
        }
        if (!shown) {
            return;
        }
        long now = WALL.getAsLong();
        if (now - lastPrinted < (mode == Mode.BAR ? BAR_EVERY_NS : LINE_EVERY_NS)) {
            return;
        }
        lastPrinted = now;
        int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
        if (mode == Mode.BAR) {
            int filled = percent * BAR_WIDTH / 100;
            err.print("\r" + what + " [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + percent + "% "
                    + done + "/" + total + " " + unit);
            err.flush();
            drawn = true;
        } else {
            err.println("pmlab: " + what + ": " + done + " of " + total + " " + unit + " (" + percent + "%)");
        }
    }

    /** This progress as the model's settle and boot report it. */
    WorkProgress forModel() {
        return this::report;
    }

    /** Clears the bar, if one was drawn. */
    @Override
    public void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** Long work stopped by Ctrl-C; the message says how far it got, and the model is left consistent. */
    static final class Interrupted extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message) {
            super(message);
        }
    }
}
