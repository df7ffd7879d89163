package org.pmlab.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.view.api.TimelinePicture;
import org.pmlab.view.api.Timelines;
import org.pmlab.web.timeline.Timeline;

/**
 * The view's API, for the page and for scripts:
 * <ul>
 * <li>{@code GET /api/tree}: the machine, every PCI function in tree order, the power resources;
 * <li>{@code GET /api/timeline} and {@code /api/timeline.svg}: the live timeline as lanes (JSON)
 * or as the picture {@code sim:timeline} draws;
 * <li>{@code GET /api/events}: Server-Sent Events as the model changes;
 * <li>{@code POST /api/action} with {@code {"action": ..., "device": ..., "value": ...}} and the
 * token header: what the page's buttons do.
 * </ul>
 */
@Component(service = Servlet.class, configurationPid = LiveSession.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@HttpWhiteboardContextSelect(WebContext.SELECT)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LiveSession session;
    private final transient Lab lab;
    private final transient Timelines timelines;
    private final transient Updates updates;
    private final transient Actions actions;

    @Activate
    public ApiServlet(LiveSession.Config session, @Reference Lab lab, @Reference Timelines timelines,
            @Reference Updates updates, @Reference Actions actions) {
        this.session = new LiveSession(session);
        this.lab = lab;
        this.timelines = timelines;
        this.updates = updates;
        this.actions = actions;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        try {
            switch (path) {
                case "/health" -> Json.send(resp, 200, Map.of("ok", true, "run", session.run));
                case "/tree" -> Json.send(resp, 200, Snapshots.tree(lab.live(), lab.firmwareNames()));
                case "/timeline" -> Json.send(resp, 200, timeline(lab.live()));
                case "/timeline.svg" -> svg(resp, lab.live());
                case "/events" -> events(req, resp);
                default -> Json.error(resp, 404, "no such endpoint: /api" + path);
            }
        } catch (IllegalStateException noMachine) {
            Json.error(resp, 503, noMachine.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.equals("/action")) {
            Json.error(resp, 404, "no such endpoint: /api" + path);
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.getInputStream());
        } catch (IOException e) {
            Json.error(resp, 400, "the request body is not JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            Json.error(resp, 400, "the request body must be a JSON object with an action");
            return;
        }
        try {
            Actions.Outcome o = actions.run(text(body, "action"), text(body, "device"), text(body, "value"));
            Json.send(resp, o.ok() ? 200 : 422, o);
        } catch (Actions.BadRequest e) {
            Json.error(resp, 400, e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The machine's trace buffer while it records (pm:trace on), else what the open pages heard. */
    private List<TraceRecord> records(Machine m) {
        return m.trace().enabled() ? m.trace().records() : updates.recorded(m);
    }

    private Map<String, Object> timeline(Machine m) {
        Timeline t = TimelinesComponent.timeline(m, records(m), null, null, List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", m.trace().enabled() ? "trace" : "view");
        out.put("timeline", t);
        return out;
    }

    private void svg(HttpServletResponse resp, Machine m) throws IOException {
        TimelinePicture p = timelines.draw(m, records(m), null, null, List.of());
        resp.setContentType("image/svg+xml");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(p.svg());
    }

    private void events(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        Updates.Client client = new Updates.Client(async, resp.getWriter());
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                updates.disconnect(client);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                updates.disconnect(client);
            }

            @Override
            public void onError(AsyncEvent event) {
                updates.disconnect(client);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        updates.connect(client);
        updates.hello(client);
    }
}
