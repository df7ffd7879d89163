package org.pmlab.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.LabProgress;

/**
 * What the console and the script runner do before their first statement: refuse wrong launcher
 * options (exit status 2), wait for the platform, and check what needs it up.
 */
final class Startup {

    /** a launcher option has a value pmlab cannot use */
    static final int USAGE = 2;
    /** the platform did not come up within the bound */
    static final int NOT_READY = 3;
    /** go on: run the statements or open the console */
    static final int GO = -1;

    private final BundleContext context;
    private final PlatformReadiness readiness;
    private final Duration bound;
    private final LaunchOptions options;

    Startup(BundleContext context, PlatformReadiness readiness, Duration bound, LaunchOptions options) {
        this.context = context;
        this.readiness = readiness;
        this.bound = bound;
        this.options = options;
    }

    /**
     * @param tolerateNotReady the console opens anyway when the platform is not ready, so the
     *                         user can look (scr:list, lb); a script stops
     * @return {@link #GO}, or the exit status to end with
     */
    int prepare(PrintStream err, boolean tolerateNotReady) throws InterruptedException {
        Optional<String> wrong = options.beforeStart(context);
        if (wrong.isPresent()) {
            err.println("pmlab: " + wrong.get());
            readiness.awaitSteady(bound); // stop the framework from a steady state, not while bundles still start
            return USAGE;
        }
        List<String> problems;
        try (BootProgress shown = new BootProgress()) {
            problems = readiness.await(bound, shown::show);
        }
        if (!problems.isEmpty()) {
            PlatformReadiness.print(err, bound, problems);
            return tolerateNotReady ? GO : NOT_READY;
        }
        ServiceReference<Lab> ref = context.getServiceReference(Lab.class);
        Lab lab = ref == null ? null : context.getService(ref);
        if (lab != null) {
            try {
                wrong = options.onceReady(lab);
            } finally {
                context.ungetService(ref);
            }
            if (wrong.isPresent()) {
                err.println("pmlab: " + wrong.get());
                return USAGE;
            }
        }
        return GO;
    }

    /** The lab's boot as progress on stderr: one {@link Progress} per step of the boot. */
    private static final class BootProgress implements AutoCloseable {
        private String step;
        private Progress progress;

        void show(LabProgress p) {
            if (!p.what().equals(step)) {
                close();
                step = p.what();
                progress = Progress.start("boot: " + p.what(), "functions", p.total());
            }
            progress.report(p.done(), p.total());
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
