package org.pmlab.web.internal;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * One run of the web view: where it listens and the token its state-changing requests must
 * carry. It lives in Config Admin ({@value #PID}) while the view runs: the page's context and
 * servlets require that configuration, so they exist exactly as long, and are dormant (not
 * failed) while the view is off.
 */
final class LiveSession {

    /** The configuration of the running view, written by {@link WebViewComponent}. */
    static final String PID = "org.pmlab.web.session";

    /** The run's configuration as DS hands it to the context and servlets. */
    @interface Config {
        String host();

        int port();

        /** {@code .token}: a private property, never a service property of the servlets. */
        String _token();

        /** Tells one run from the next on the same port (the token is never sent back). */
        String run();
    }

    /** The request header that carries the token. */
    static final String TOKEN_HEADER = "X-Pmlab-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    final String host;
    final int port;
    final String token;
    final String run;

    /** A new run with a fresh token. */
    LiveSession(String host, int port) {
        this(host, port, newToken(), newToken().substring(0, 8));
    }

    LiveSession(String host, int port, String token, String run) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.run = run;
    }

    LiveSession(Config c) {
        this(c.host(), c.port(), c._token(), c.run());
    }

    java.util.Map<String, Object> properties() {
        return java.util.Map.of("host", host, "port", port, ".token", token, "run", run);
    }

    private static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The page's address with the token, as the shell prints it. */
    URI address() {
        return URI.create("http://" + hostForUrl() + ":" + port + "/?token=" + token);
    }

    URI base() {
        return URI.create("http://" + hostForUrl() + ":" + port + "/");
    }

    private String hostForUrl() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** Constant-time comparison, so the token cannot be guessed a character at a time. */
    boolean tokenMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a request's {@code Host} header names this view. A page from another site that
     * resolves its own name to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
     * Listening on every address is an explicit choice to be reached by any name.
     */
    boolean hostAllowed(String hostHeader) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String p = ":" + port;
        String h = hostHeader.toLowerCase(java.util.Locale.ROOT);
        return h.equals(hostForUrl() + p) || LOOPBACK_NAMES.contains(h.substring(0, Math.max(0, h.length() - p.length())))
                && h.endsWith(p);
    }
}
