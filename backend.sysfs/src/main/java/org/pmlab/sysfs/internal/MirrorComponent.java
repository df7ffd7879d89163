package org.pmlab.sysfs.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.machine.api.Lab;
import org.pmlab.sysfs.api.SysfsMirror;

/**
 * The mirror as a service: configured by {@value SysfsMirror#PID} ({@code root}), or at start by
 * the framework property {@value SysfsMirror#FRAMEWORK_PROPERTY} (the launcher's {@code --mirror}),
 * or started and stopped through {@link SysfsMirror}. While a mirror runs, and only then, it
 * subscribes to the model's state events on Event Admin (not the trace: that would make every
 * tracepoint cost), so a machine nobody mirrors builds no event.
 */
@Component(service = SysfsMirror.class, immediate = true, configurationPid = SysfsMirror.PID)
@Designate(ocd = MirrorComponent.Config.class)
public final class MirrorComponent implements SysfsMirror, EventHandler {

    @ObjectClassDefinition(name = "pmlab sysfs mirror",
            description = "Mirrors the live machine's /sys into ROOT/sys as real files, kept current; writes to them are applied")
    public @interface Config {
        @AttributeDefinition(name = "root", required = false,
                description = "directory to mirror into (the tree appears under ROOT/sys); empty: no mirror. "
                        + "Refused when it is, or lies inside, /sys, /proc or /dev")
        String root() default "";

        @AttributeDefinition(name = "settle", description = "let simulated time run after applying a write made to a "
                + "mirrored file, as a shell step does with autosettle on")
        boolean settle() default true;
    }

    private final Lab lab;
    private volatile boolean settle;
    private volatile String configuredRoot;
    /** The state topics; the lab builds events only for what some handler subscribed to. */
    private static final String[] TOPICS = {"org/pmlab/pm/*", "org/pmlab/pci/*", "org/pmlab/firmware/*",
        "org/pmlab/machine/*"};

    private Mirror mirror; // guarded by this
    private ServiceRegistration<EventHandler> subscription; // guarded by this

    /**
     * When the framework begins to stop, the mirror stops first, while the model is still as the
     * user left it: stopping the bundles afterwards unloads drivers (rmmod unbinds and resumes
     * their devices), which the files left behind should not show.
     */
    private final SynchronousBundleListener shutdown = e -> {
        if (e.getType() == BundleEvent.STOPPING && e.getBundle().getBundleId() == 0) {
            stop();
        }
    };
    private final BundleContext context;
    /** Refused outside writes and unusable roots: the launcher prints them on stderr. */
    private final Logger log;

    @Activate
    public MirrorComponent(@Reference Lab lab, BundleContext context, Config config,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.lab = lab;
        this.context = context;
        context.addBundleListener(shutdown);
        this.settle = config.settle();
        String root = config.root().isBlank() ? context.getProperty(FRAMEWORK_PROPERTY) : config.root();
        apply(root);
    }

    @Modified
    void modified(Config config) {
        settle = config.settle();
        apply(config.root());
    }

    @Deactivate
    void deactivate() {
        try {
            context.removeBundleListener(shutdown);
        } catch (IllegalStateException stopping) {
            // the framework is going away
        }
        stop();
    }

    private void apply(String root) {
        String r = root == null ? "" : root.trim();
        if (r.equals(configuredRoot)) {
            return;
        }
        configuredRoot = r;
        if (r.isEmpty()) {
            stop();
            return;
        }
        try {
            start(Path.of(r));
        } catch (IllegalArgumentException e) {
            log.error("sysfs mirror: {}", e.getMessage());
        }
    }

    @Override
    public synchronized Path start(Path root) {
        Path real = MirrorRoot.resolve(root);
        stop();
        subscribe(); // before the mirror's first full write, so no change falls between the two
        mirror = new Mirror(real, lab::live, settle, new MirrorListener() {
            @Override
            public void applied(String sysPath, String content) {
            }

            @Override
            public void refused(String line) {
                log.warn("{}", line);
            }
        });
        return real;
    }

    @Override
    public synchronized void stop() {
        if (mirror != null) {
            mirror.stop();
            mirror = null;
        }
        if (subscription != null) {
            try {
                subscription.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping and took it down first
            }
            subscription = null;
        }
    }

    private void subscribe() {
        if (subscription == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(EventConstants.EVENT_TOPIC, TOPICS);
            subscription = context.registerService(EventHandler.class, this, props);
        }
    }

    @Override
    public synchronized Optional<Path> root() {
        return Optional.ofNullable(mirror).map(Mirror::root);
    }

    @Override
    public void handleEvent(Event event) {
        Mirror m;
        synchronized (this) {
            m = mirror;
        }
        if (m == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        for (String k : event.getPropertyNames()) {
            props.put(k, event.getProperty(k));
        }
        m.onEvent(event.getTopic(), props);
    }
}
