package org.pmlab.web.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.view.api.WebView;

/**
 * Turns the web view on and off. The HTTP service (Felix HTTP Jetty) starts with HTTP disabled,
 * so no port is open and no server thread runs until the view is asked for; starting writes
 * the HTTP service's own configuration ({@value #HTTP_PID}: enabled, host, port) and the run's
 * {@link LiveSession} ({@value LiveSession#PID}) through Config Admin; the session's
 * configuration brings the page's context and servlets up on the whiteboard. Stopping deletes
 * it and disables HTTP again.
 */
@Component(service = WebView.class, immediate = true, configurationPid = WebView.PID)
@Designate(ocd = WebViewComponent.Config.class)
public final class WebViewComponent implements WebView {

    @ObjectClassDefinition(name = "pmlab web view",
            description = "The live web view of the simulated host: the PCI tree, power resources and timeline, updated as they change")
    public @interface Config {
        @AttributeDefinition(name = "enabled", description = "serve the view")
        boolean enabled() default false;

        @AttributeDefinition(name = "port", description = "TCP port; 0 picks a free one", min = "0", max = "65535")
        int port() default 8080;

        @AttributeDefinition(name = "host", description = "address to listen on; any other than 127.0.0.1 or ::1 lets "
                + "other machines drive the model (every change still needs the run's token)")
        String host() default "127.0.0.1";
    }

    /** The Felix HTTP service's configuration PID. */
    static final String HTTP_PID = "org.apache.felix.http";
    static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    static final String HTTP_HOST = "org.apache.felix.http.host";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    /** How long the HTTP service may take to open its port and deploy the servlets. */
    static final long START_TIMEOUT_MS = Long.getLong("pmlab.web.timeout", 20) * 1000;

    private final ConfigurationAdmin cm;
    private final BundleContext context;
    /** Why the view could not start: the launcher prints it on stderr. */
    private final Logger log;
    private volatile String host;
    private volatile Config config;
    private LiveSession session; // guarded by this

    @Activate
    public WebViewComponent(@Reference ConfigurationAdmin cm, BundleContext context, Config config,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.cm = cm;
        this.context = context;
        this.config = config;
        this.host = config.host().trim();
        if (config.enabled()) {
            startInBackground(config.port(), false);
        } else {
            String prop = context.getProperty(FRAMEWORK_PROPERTY);
            if (prop != null && !prop.isBlank()) {
                try {
                    startInBackground(Integer.parseInt(prop.trim()), true);
                } catch (NumberFormatException e) {
                    log.error("--web {}: not a port number", prop);
                }
            }
        }
    }

    @Modified
    void modified(Config next) {
        Config before = config;
        config = next;
        host = next.host().trim();
        if (!next.enabled()) {
            if (before.enabled()) {
                stop();
            }
            return;
        }
        Optional<LiveSession> running = running();
        if (running.isEmpty() || running.get().port != next.port() && next.port() != 0
                || !running.get().host.equals(host)) {
            startInBackground(next.port(), false);
        }
    }

    /** Starts from configuration or the launcher's option; the outcome goes to the console. */
    private void startInBackground(int port, boolean announce) {
        Thread t = new Thread(() -> {
            try {
                URI uri = start(port);
                if (announce) {
                    System.out.println("pmlab: web view at " + uri);
                }
            } catch (RuntimeException e) {
                log.error("web view: {}", e.getMessage());
            }
        }, "pmlab-web-start");
        t.setDaemon(true);
        t.start();
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public synchronized URI start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port + ": expected 0 (any free port) to 65535");
        }
        InetAddress address = address(host);
        int chosen = probe(address, port);
        LiveSession s = new LiveSession(host, chosen);
        configureHttp(true, chosen);
        configureSession(s);
        session = s;
        if (!awaitServing(s)) {
            stop();
            throw new IllegalStateException("the HTTP service did not serve " + s.base() + " within "
                    + START_TIMEOUT_MS / 1000 + " s (is org.apache.felix.http.jetty running?)");
        }
        return s.address();
    }

    @Override
    public synchronized void stop() {
        boolean wasRunning = session != null;
        session = null;
        if (wasRunning) {
            configureSession(null);
            configureHttp(false, 0);
        }
    }

    @Override
    public synchronized Optional<URI> address() {
        return running().map(LiveSession::address);
    }

    private synchronized Optional<LiveSession> running() {
        return Optional.ofNullable(session);
    }

    /** Writes the run's configuration (null: deletes it), which the page's context and servlets require. */
    private void configureSession(LiveSession s) {
        try {
            Configuration c = cm.getConfiguration(LiveSession.PID, "?");
            if (s == null) {
                c.delete();
            } else {
                c.update(new Hashtable<>(s.properties()));
            }
        } catch (IOException | IllegalStateException e) {
            if (s != null) {
                throw new IllegalStateException("cannot configure the web view: " + e.getMessage(), e);
            }
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad host '" + host + "': not an address of this machine");
        }
    }

    /**
     * Checks that the port is free (the HTTP service would only log a failure), or picks a free
     * one for port 0. Jetty binds it right after, with SO_REUSEADDR.
     */
    static int probe(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return s.getLocalPort();
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + address.getHostAddress() + ":" + port
                    + ": the port is in use or not allowed");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage());
        }
    }

    private void configureHttp(boolean enable, int port) {
        try {
            Configuration c = cm.getConfiguration(HTTP_PID, "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(HTTP_ENABLE, enable);
            props.put("org.apache.felix.https.enable", false);
            if (enable) {
                props.put(HTTP_HOST, host);
                props.put(HTTP_PORT, port);
            }
            c.update(props);
        } catch (IOException | IllegalStateException e) {
            if (enable) {
                throw new IllegalStateException("cannot configure the HTTP service: " + e.getMessage(), e);
            }
            // stopping while the framework goes down: Config Admin may be gone already
        }
    }

    /** Waits (wall-clock: this is Jetty starting, not the model) until the page's API answers. */
    private static boolean awaitServing(LiveSession s) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        URI health = s.base().resolve("api/health");
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) health.toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int code = c.getResponseCode();
                String body = code == 200 ? new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : "";
                c.disconnect();
                if (body.contains("\"run\":\"" + s.run + "\"")) {
                    return true; // this run's servlets, not the last run's
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
