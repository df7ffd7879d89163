package org.pmlab.shell.internal;

import java.net.URI;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.view.api.WebView;

/** The {@code web:} scope: the live web view of the simulated host. */
@Component(service = WebCommands.class, property = {"osgi.command.scope=web",
    CommandCatalog.SCOPE_DESCRIPTION + "=the live web view of the simulated host (127.0.0.1 only)",
    "osgi.command.function=start", "osgi.command.function=stop", "osgi.command.function=status"})
public final class WebCommands {

    /** The port {@code web:start} uses when none is given, as the launcher's {@code --web} does. */
    static final int DEFAULT_PORT = 8080;

    private final WebView view;

    @Activate
    public WebCommands(@Reference WebView view) {
        this.view = view;
    }

    @Descriptor("serve the live web view on 127.0.0.1:8080; prints its address with the run's token")
    public String start() {
        return start(DEFAULT_PORT);
    }

    @Descriptor("serve the live web view on 127.0.0.1:PORT (0: any free port); prints its address with the run's token")
    @Example("web:start 0")
    public String start(@Descriptor("TCP port, or 0") Args.U16 port) {
        return start(port.value());
    }

    private String start(int port) {
        URI uri = view.start(port);
        return "web view at " + uri;
    }

    @Descriptor("stop serving the web view")
    public String stop() {
        if (view.address().isEmpty()) {
            return "the web view is not running";
        }
        view.stop();
        return "web view stopped";
    }

    @Descriptor("show where the web view is served, if it is")
    public String status() {
        return view.address().map(u -> "web view at " + u).orElse("the web view is not running");
    }
}
