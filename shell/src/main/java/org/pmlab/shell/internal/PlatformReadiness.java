package org.pmlab.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.LabProgress;

/**
 * Decides whether the pmlab platform is up: every {@code org.pmlab.*} bundle is active, every
 * enabled DS component of those bundles is satisfied or active as
 * {@link ServiceComponentRuntime} reports it, the lab has done the work asked of it (no boot
 * pending), and every other bundle marked for start has
 * started (the launcher raises the start level asynchronously: Gogo's console bundle and its
 * built-in commands come last).
 * <p>
 * A component that requires a configuration nobody has given yet (UNSATISFIED_CONFIGURATION)
 * counts as ready: it is dormant by design, as a factory-configured component is.
 */
final class PlatformReadiness {

    static final String PREFIX = "org.pmlab.";

    /** How often to look again when no framework event arrives; see {@link #await}. */
    private static final long RECHECK_MILLIS = 50;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    PlatformReadiness(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /**
     * Waits until the platform is ready or the bound has passed.
     * <p>
     * SCR offers no listener for component state changes, so this re-checks SCR's state on
     * every service, bundle and framework event (which is when a reference becomes satisfied
     * or a bundle starts) and, failing any event, every {@value #RECHECK_MILLIS} ms until the
     * deadline.
     *
     * @return what is still not ready; empty when the platform is ready
     */
    List<String> await(Duration bound) throws InterruptedException {
        return await(bound, this::problemsBundlesFirst, this::problems, p -> { });
    }

    /**
     * The same, for a big host whose boot takes longer than the bound: while the lab's thread is
     * booting, the bound does not run out (a boot is computation on that thread, with nothing to
     * wait for: it ends, and a wrong topology ends it with a message); it counts again from the
     * end of the boot, for components that never come. How far the boot is goes to
     * {@code onProgress} whenever it moved.
     */
    List<String> await(Duration bound, Consumer<LabProgress> onProgress) throws InterruptedException {
        return await(bound, this::problemsBundlesFirst, this::problems, onProgress);
    }

    /**
     * Waits until the framework is steady enough to stop cleanly, without asking for more: every
     * bundle marked for start has started and Gogo's JLine shell has read its profile. A launcher
     * usage error ends the run after this, not after {@link #await}: the component a wrong
     * option leaves unsatisfied (the lab waiting for a topology source nobody has) never would be.
     */
    List<String> awaitSteady(Duration bound) throws InterruptedException {
        return await(bound, this::steadyProblems, this::steadyProblems, p -> { });
    }

    private List<String> steadyProblems() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0 && !isFragment(bundle) && !isStarted(bundle)) {
                problems.add(bundle.getSymbolicName() + ": bundle is " + stateName(bundle.getState()) + ", not ACTIVE");
            }
        }
        if (problems.isEmpty() && goshRunning()) {
            problems.add("Gogo's JLine shell is still reading its profile");
        }
        return problems;
    }

    /** Waits until {@code check} finds nothing; at the deadline, {@code report} says what is still missing. */
    private List<String> await(Duration bound, Supplier<List<String>> check, Supplier<List<String>> report,
            Consumer<LabProgress> onProgress) throws InterruptedException {
        Semaphore changed = new Semaphore(0);
        ServiceListener services = event -> changed.release();
        BundleListener bundles = event -> changed.release();
        FrameworkListener framework = event -> changed.release();
        context.addServiceListener(services);
        context.addBundleListener(bundles);
        context.addFrameworkListener(framework);
        try {
            long deadline = System.nanoTime() + bound.toNanos();
            LabProgress seen = null;
            while (true) {
                List<String> problems = check.get();
                LabProgress now = problems.isEmpty() ? null : labProgress();
                if (now != null) {
                    deadline = Math.max(deadline, System.nanoTime() + bound.toNanos());
                    if (!now.equals(seen)) {
                        seen = now;
                        onProgress.accept(now);
                    }
                }
                long left = deadline - System.nanoTime();
                if (problems.isEmpty()) {
                    return problems;
                }
                if (left <= 0) {
                    return report.get();
                }
                changed.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS)), TimeUnit.NANOSECONDS);
                changed.drainPermits();
            }
        } finally {
            context.removeFrameworkListener(framework);
            context.removeBundleListener(bundles);
            context.removeServiceListener(services);
        }
    }

    /** Reports {@link #await}'s answer, one line each, on {@code err}. */
    static void print(PrintStream err, Duration bound, List<String> problems) {
        err.println("pmlab: platform not ready after " + bound.toSeconds() + " s:");
        problems.forEach(problem -> err.println("pmlab:   " + problem));
    }

    /**
     * What {@link #await} looks at on every framework event while the bundles start: while a bundle is still
     * starting, the bundles alone (a look at each one's state), so the waiting thread does not build SCR's
     * descriptions of every pmlab component a few hundred times during start-up, on a core the starting bundles
     * need; once every bundle is up, {@link #problems}.
     */
    private List<String> problemsBundlesFirst() {
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle.getBundleId() == 0 || isFragment(bundle)) {
                continue;
            }
            boolean up = name != null && name.startsWith(PREFIX) ? bundle.getState() == Bundle.ACTIVE : isStarted(bundle);
            if (!up) {
                return List.of(name + ": bundle is " + stateName(bundle.getState()) + ", not ACTIVE");
            }
        }
        return problems();
    }

    /** @return one line per bundle or component that is not ready; empty when ready */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (bundle.getBundleId() == 0 || isFragment(bundle)) {
                continue;
            }
            if (name == null || !name.startsWith(PREFIX)) {
                if (!isStarted(bundle)) {
                    problems.add(name + ": bundle is " + stateName(bundle.getState()) + ", not ACTIVE");
                }
                continue;
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(name + ": bundle is " + stateName(bundle.getState()) + ", not ACTIVE");
                continue;
            }
            List<ComponentDescriptionDTO> components = new ArrayList<>(scr.getComponentDescriptionDTOs(bundle));
            if (components.isEmpty() && bundle.getHeaders("").get("Service-Component") != null) {
                problems.add(name + ": SCR has not loaded the bundle's components yet");
            }
            for (ComponentDescriptionDTO component : components) {
                if (scr.isComponentEnabled(component)) {
                    for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(component)) {
                        String problem = problem(component, configuration);
                        if (problem != null) {
                            problems.add(name + ": component " + component.name + " " + problem);
                        }
                    }
                }
            }
        }
        if (problems.isEmpty() && goshRunning()) {
            problems.add("Gogo's JLine shell is still reading its profile");
        }
        if (problems.isEmpty()) {
            String lab = labProblem();
            if (lab != null) {
                problems.add(lab);
            }
        }
        return problems;
    }

    /**
     * Gogo's JLine bundle reads the profile on a thread of its own ({@code --nointeractive}: then
     * the thread ends). Stopping the framework while it runs makes Gogo print errors on stdout.
     */
    private static boolean goshRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(GoshSessionKeeper.GOSH_THREAD) && t.isAlive());
    }

    /**
     * The lab has finished the work asked of it so far (the first boot above all), so no boot is
     * pending when the first statement runs. A boot that failed counts as done: every use of the
     * lab reports why.
     */
    /** How far the lab's work under way is; null when idle or not registered. */
    private LabProgress labProgress() {
        ServiceReference<Lab> ref = context.getServiceReference(Lab.class);
        Lab lab = ref == null ? null : context.getService(ref);
        if (lab == null) {
            return null;
        }
        try {
            return lab.progress().orElse(null);
        } finally {
            context.ungetService(ref);
        }
    }

    private String labProblem() {
        ServiceReference<Lab> ref = context.getServiceReference(Lab.class);
        Lab lab = ref == null ? null : context.getService(ref);
        if (lab == null) {
            return "the lab service is not registered";
        }
        try {
            return lab.await(m -> true, Duration.ZERO) ? null : "the lab is still booting the simulated host";
        } catch (IllegalStateException failed) {
            return null;
        } finally {
            context.ungetService(ref);
        }
    }

    private static String problem(ComponentDescriptionDTO component, ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.SATISFIED:
            case ComponentConfigurationDTO.ACTIVE:
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return null;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    missing.add(describe(component, reference));
                }
                return "is unsatisfied: no service for " + String.join(", ", missing);
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                // the failure is a whole stack trace: its first line names the exception
                return "failed to activate: " + String.valueOf(configuration.failure).lines().findFirst().orElse("").strip();
            default:
                return "is in state " + configuration.state;
        }
    }

    private static String describe(ComponentDescriptionDTO component, UnsatisfiedReferenceDTO reference) {
        String type = Arrays.stream(component.references)
                .filter(r -> r.name.equals(reference.name))
                .map((ReferenceDTO r) -> r.interfaceName)
                .findFirst().orElse("?");
        String target = reference.target == null ? "" : " " + reference.target;
        return "reference '" + reference.name + "' (" + type + target + ")";
    }

    /** A bundle nobody asked to start, or one waiting for lazy activation, is as started as it gets. */
    private static boolean isStarted(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return bundle.getState() == Bundle.ACTIVE
                || level == null
                || !level.isPersistentlyStarted()
                || bundle.getState() == Bundle.STARTING && level.isActivationPolicyUsed();
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.INSTALLED: return "INSTALLED (unresolved)";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "in state " + state;
        }
    }
}
