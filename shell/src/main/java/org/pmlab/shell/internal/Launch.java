package org.pmlab.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Chooses what {@code ./pmlab} does once the platform is up, from framework properties:
 * {@value #SCRIPT} ({@code -c} text) or {@value #SCRIPT_FILE} runs a script
 * ({@link ScriptMain}); otherwise {@value #CONSOLE}{@code =true} opens the interactive
 * console ({@link ConsoleMain}); otherwise (Pax Exam, embedding) nothing happens.
 * <p>
 * The chosen task is offered to the bnd launcher as its main callable
 * ({@code main.thread=true}), so the launcher, not this bundle, stops the framework and
 * exits the JVM with the task's status.
 */
@Component(immediate = true, service = {})
public final class Launch {

    static final String SCRIPT = "pmlab.script";
    static final String SCRIPT_FILE = "pmlab.script.file";
    static final String CONSOLE = "pmlab.console";
    /** seconds to wait for the platform before giving up; default 15 */
    static final String READY_TIMEOUT = "pmlab.ready.timeout";

    private final MainTask task;
    private final ServiceRegistration<?> registration;

    @Activate
    public Launch(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference CommandProcessor processor, @Reference CommandCatalog catalog, @Reference LogConsole notices) {
        String text = context.getProperty(SCRIPT);
        String file = context.getProperty(SCRIPT_FILE);
        PlatformReadiness readiness = new PlatformReadiness(context, scr);
        Duration bound = Duration.ofSeconds(Long.parseLong(property(context, READY_TIMEOUT, "15")));
        Startup startup = new Startup(context, readiness, bound, LaunchOptions.of(context));
        if (text != null || file != null) {
            task = new ScriptMain(text, file == null ? null : Path.of(file), startup, processor, profile(context),
                    new ErrorMessages(catalog));
        } else if (Boolean.parseBoolean(context.getProperty(CONSOLE))) {
            // the candidates need the lab, which a wrong launcher option can keep from coming up:
            // the console looks them up when it opens, and the launch never waits for them
            task = new ConsoleMain(startup, processor, context, profile(context), new ErrorMessages(catalog), catalog,
                    () -> service(context, ArgumentCandidates.class), notices);
        } else {
            task = null;
        }
        registration = task == null ? null : register(context, task);
    }

    private static ServiceRegistration<?> register(BundleContext context, MainTask task) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("main.thread", "true");
        return context.registerService(Callable.class, task, properties);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and took it down first
            }
            task.interrupt();
        }
    }

    /** The profile the console reads ({@code gosh.home/etc/gosh_profile}), if there is one. */
    private static Path profile(BundleContext context) {
        String home = context.getProperty("gosh.home");
        Path profile = home == null ? null : Path.of(home, "etc", "gosh_profile");
        return profile != null && Files.isRegularFile(profile) ? profile : null;
    }

    private static <T> T service(BundleContext context, Class<T> type) {
        var ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
