package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo finds a command's method by its name, and Java names cannot contain dashes. A command
 * service that declares {@code pmlab.command.alias=hot-reset=hot_reset} gets {@code scope:hot-reset}
 * registered here as a function that invokes its {@code hot_reset} method (with Gogo's own
 * argument conversion). {@code help} describes the method under its underscore name.
 */
@Component(immediate = true)
public final class CommandAliases {

    static final String PROPERTY = "pmlab.command.alias";

    private final BundleContext context;
    private final Map<Object, List<ServiceRegistration<Function>>> registered = new HashMap<>();

    @Activate
    public CommandAliases(BundleContext context) {
        this.context = context;
    }

    @Reference(service = Object.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PROPERTY + "=*)", unbind = "removeCommands")
    synchronized void addCommands(Object target, Map<String, Object> props) {
        String scope = String.valueOf(props.get("osgi.command.scope"));
        List<ServiceRegistration<Function>> regs = new ArrayList<>();
        for (String alias : strings(props.get(PROPERTY))) {
            int eq = alias.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad " + PROPERTY + " '" + alias + "': expected name=method");
            }
            String name = alias.substring(0, eq);
            String method = alias.substring(eq + 1);
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("osgi.command.scope", scope);
            p.put("osgi.command.function", name);
            regs.add(context.registerService(Function.class, new Call(target, method), p));
        }
        registered.put(target, regs);
    }

    synchronized void removeCommands(Object target) {
        List<ServiceRegistration<Function>> regs = registered.remove(target);
        if (regs != null) {
            regs.forEach(this::unregister);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        registered.values().forEach(l -> l.forEach(this::unregister));
        registered.clear();
    }

    private void unregister(ServiceRegistration<Function> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    private static List<String> strings(Object v) {
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    /** One dashed name bound to one method of the target. */
    private record Call(Object target, String method) implements Function {
        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            return Reflective.invoke(session, target, method, arguments);
        }
    }
}
