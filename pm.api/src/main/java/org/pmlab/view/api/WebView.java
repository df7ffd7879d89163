package org.pmlab.view.api;

import java.net.URI;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live web view of the live machine, served through the HTTP Whiteboard on 127.0.0.1 unless
 * configured otherwise. Off until asked for: configured by {@value #PID} ({@code enabled},
 * {@code port}, {@code host}), by the framework property {@value #FRAMEWORK_PROPERTY} (the
 * launcher's {@code --web [PORT]}), or started and stopped here.
 */
@ProviderType
public interface WebView {
    String PID = "org.pmlab.web";

    /** The framework property the launcher sets for {@code --web [PORT]}: the port. */
    String FRAMEWORK_PROPERTY = "pmlab.web";

    /**
     * Serves the view on {@code port} (0: any free port), replacing a view already running, with
     * a fresh token. Returns the page's address with its token, e.g.
     * {@code http://127.0.0.1:8080/?token=...}.
     *
     * @throws IllegalArgumentException when the port is out of range or taken
     * @throws IllegalStateException when the HTTP service did not come up
     */
    URI start(int port);

    /** Stops serving; a no-op when not running. */
    void stop();

    /** The running view's address with its token. */
    Optional<URI> address();
}
