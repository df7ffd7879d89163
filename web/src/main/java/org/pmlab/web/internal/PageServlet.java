package org.pmlab.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The page and its script and style, from this bundle's {@code static/} folder only: {@code /}
 * is the page, {@code /static/NAME} a file of a known type. Anything else is 404.
 */
@Component(service = Servlet.class, configurationPid = LiveSession.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@HttpWhiteboardContextSelect(WebContext.SELECT)
@HttpWhiteboardServletPattern({"/", "/static/*"})
public final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
            "css", "text/css", "svg", "image/svg+xml");

    private final transient BundleContext context;

    @Activate
    public PageServlet(LiveSession.Config session, BundleContext context) {
        this.context = context;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        String file;
        if (path.equals("/") || path.equals("/index.html")) {
            file = "index.html";
        } else if (path.startsWith("/static/") && path.indexOf('/', 8) < 0 && !path.contains("..")) {
            file = path.substring(8);
        } else {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        URL url = type == null ? null : context.getBundle().getEntry("static/" + file);
        if (url == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        // the page loads only its own files and talks only to this view
        resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
        try (InputStream in = url.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
