package org.pmlab.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The web view's servlet context: its own, at the root, so nothing else registered on the
 * whiteboard shares its security rules. Every request must name this view in its Host header;
 * every request that can change state must carry the run's token. Resources come only from
 * this bundle's {@code static/} folder.
 */
@Component(service = ServletContextHelper.class, configurationPid = LiveSession.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@HttpWhiteboardContext(name = WebContext.NAME, path = "/")
public final class WebContext extends ServletContextHelper {

    static final String NAME = "org.pmlab.web";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private final LiveSession session;

    @Activate
    public WebContext(LiveSession.Config session, org.osgi.framework.BundleContext context) {
        super(context.getBundle());
        this.session = new LiveSession(session);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.hostAllowed(request.getHeader("Host"))) {
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, "this view answers only to its own address ("
                    + session.base() + ")");
            return false;
        }
        boolean safe = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!safe && !session.tokenMatches(request.getHeader(LiveSession.TOKEN_HEADER))) {
            Json.error(response, HttpServletResponse.SC_FORBIDDEN, "this request needs the web view's token: open the "
                    + "address pmlab printed when the view started (it ends in ?token=...)");
            return false;
        }
        return true;
    }

    @Override
    public URL getResource(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return n.startsWith("static/") && !n.contains("..") ? super.getResource(n) : null;
    }
}
