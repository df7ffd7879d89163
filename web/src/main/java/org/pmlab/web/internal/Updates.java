package org.pmlab.web.internal;

import jakarta.servlet.AsyncContext;
import java.io.PrintWriter;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.api.TraceRecord;

/**
 * Pushes the model's changes to the open pages as Server-Sent Events. The view subscribes to
 * Event Admin only while a page is connected (so an unwatched model builds no events); changes
 * are coalesced over a short window and each flush sends a snapshot of the nodes that changed,
 * not the events: a settle of a hundred thousand devices is a few messages, each no bigger
 * than the tree.
 */
@Component(service = Updates.class)
public final class Updates {

    /** How long changes gather before one message goes out: about an animation frame or six. */
    static final long WINDOW_MS = 100;
    /** Past this many changed nodes one message says "reload the tree" instead of listing them. */
    static final int MAX_NODES = 2_000;
    static final long HEARTBEAT_S = 15;

    private final Lab lab;
    private final BundleContext context;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Recording recording = new Recording();
    private final Pending pending = new Pending();
    private ScheduledExecutorService timer; // guarded by this
    private ScheduledFuture<?> heartbeat; // guarded by this
    private ServiceRegistration<EventHandler> subscription; // guarded by this

    private final long windowMs;

    @Activate
    public Updates(@Reference Lab lab, BundleContext context) {
        this(lab, context, WINDOW_MS);
    }

    Updates(Lab lab, BundleContext context, long windowMs) {
        this.lab = lab;
        this.context = context;
        this.windowMs = windowMs;
    }

    /** The trace records the open pages heard, for the live timeline. */
    List<TraceRecord> recorded(Machine m) {
        return recording.of(m.id());
    }

    // ---- clients ----

    /** One open page's event stream. */
    static final class Client {
        final AsyncContext async;
        final PrintWriter out;

        Client(AsyncContext async, PrintWriter out) {
            this.async = async;
            this.out = out;
        }

        /** @return false when the page has gone */
        boolean send(String event, String data) {
            synchronized (this) {
                out.write("event: " + event + "\n");
                for (String line : data.split("\n", -1)) {
                    out.write("data: " + line + "\n");
                }
                out.write("\n");
                out.flush();
                return !out.checkError();
            }
        }

        boolean comment(String text) {
            synchronized (this) {
                out.write(": " + text + "\n\n");
                out.flush();
                return !out.checkError();
            }
        }
    }

    synchronized void connect(Client c) {
        clients.add(c);
        if (subscription == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(EventConstants.EVENT_TOPIC, new String[] {"org/pmlab/*"});
            subscription = context.registerService(EventHandler.class, this::handle, props);
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pmlab-web-updates");
                t.setDaemon(true);
                return t;
            });
            heartbeat = timer.scheduleAtFixedRate(this::beat, HEARTBEAT_S, HEARTBEAT_S, TimeUnit.SECONDS);
        }
    }

    void disconnect(Client c) {
        if (clients.remove(c)) {
            try {
                c.async.complete();
            } catch (IllegalStateException alreadyDone) {
                // the container completed it
            }
        }
        synchronized (this) {
            if (clients.isEmpty()) {
                unsubscribe();
            }
        }
    }

    /** Nobody watches: no subscription, no thread. */
    private void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping
            }
            subscription = null;
        }
        if (timer != null) {
            heartbeat.cancel(false);
            timer.shutdownNow();
            timer = null;
        }
        pending.clear();
    }

    @Deactivate
    void deactivate() {
        for (Client c : clients) {
            disconnect(c);
        }
        synchronized (this) {
            unsubscribe();
        }
    }

    private void beat() {
        for (Client c : clients) {
            if (!c.comment("still here")) {
                disconnect(c);
            }
        }
    }

    // ---- events ----

    /** What changed since the last flush. */
    static final class Pending {
        final Set<String> devices = new HashSet<>();
        boolean tree;
        boolean resources;
        boolean timeline;
        boolean scheduled;

        void clear() {
            devices.clear();
            tree = resources = timeline = scheduled = false;
        }
    }

    void handle(Event e) {
        String topic = e.getTopic();
        Object machine = e.getProperty(ModelEvents.MACHINE);
        long live;
        try {
            live = lab.live().id();
        } catch (IllegalStateException noMachine) {
            return;
        }
        boolean boot = topic.equals(ModelEvents.MACHINE_BOOT);
        if (!boot && machine instanceof Long id && id != live) {
            return; // a machine booted for a comparison
        }
        if (topic.startsWith(ModelEvents.TRACE)) {
            Object time = e.getProperty(ModelEvents.TIME_NS);
            Object text = e.getProperty(ModelEvents.TEXT);
            if (time instanceof Long t && text != null) {
                recording.add(live, new TraceRecord(t, String.valueOf(e.getProperty(ModelEvents.EVENT)),
                        String.valueOf(e.getProperty(ModelEvents.DEVICE)), text.toString()));
            }
        }
        synchronized (this) {
            if (topic.startsWith(ModelEvents.TRACE)) {
                pending.timeline = true;
            } else if (boot || topic.equals(ModelEvents.PCI_ADD) || topic.equals(ModelEvents.PCI_REMOVE)
                    || topic.equals(ModelEvents.FIRMWARE_SWAP)) {
                pending.tree = true;
            } else if (topic.startsWith("org/pmlab/firmware/")) {
                pending.resources = true;
                Object dev = e.getProperty(ModelEvents.DEVICE);
                if (dev != null) {
                    pending.devices.add(dev.toString()); // its platform state may have changed
                }
            } else {
                Object dev = e.getProperty(ModelEvents.DEVICE);
                if (dev != null) {
                    pending.devices.add(dev.toString());
                }
            }
            schedule();
        }
    }

    /** Caller holds this. One flush per window, however many events came. */
    private void schedule() {
        if (!pending.scheduled && timer != null) {
            pending.scheduled = true;
            timer.schedule(this::flush, windowMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what gathered since the last flush: one snapshot message, whatever the number of events. */
    void flush() {
        Set<String> devices;
        boolean tree;
        boolean resources;
        boolean timeline;
        synchronized (this) {
            devices = new HashSet<>(pending.devices);
            tree = pending.tree || devices.size() > MAX_NODES;
            resources = pending.resources;
            timeline = pending.timeline;
            pending.clear();
        }
        if (clients.isEmpty()) {
            return;
        }
        Machine m;
        try {
            m = lab.live();
        } catch (IllegalStateException noMachine) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machine", Snapshots.machine(m, lab.firmwareNames()));
        if (tree) {
            broadcast("tree", Json.write(body));
        } else if (!devices.isEmpty() || resources) {
            body.put("nodes", Snapshots.nodes(m, devices));
            body.put("resources", Snapshots.resources(m));
            broadcast("nodes", Json.write(body));
        }
        if (timeline || tree) {
            broadcast("timeline", Json.write(Map.of("timeNs", m.clock().nanoTime())));
        }
    }

    /** Sends the first message to a page that just connected: the time, so it knows the stream works. */
    void hello(Client c) {
        if (!c.send("hello", Json.write(Map.of("clients", clients.size())))) {
            disconnect(c);
        }
    }

    private void broadcast(String event, String data) {
        for (Client c : clients) {
            if (!c.send(event, data)) {
                disconnect(c);
            }
        }
    }

    int clientCount() {
        return clients.size();
    }

    boolean subscribed() {
        synchronized (this) {
            return subscription != null;
        }
    }
}
