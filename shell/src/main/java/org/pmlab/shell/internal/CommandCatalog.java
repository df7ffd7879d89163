package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.felix.service.command.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Every pmlab command, from the Gogo command services of pmlab's bundles (any component with
 * {@code osgi.command.scope} and {@code osgi.command.function}, as Gogo documents them).
 * <p>
 * For each command it registers a {@link CommandFunction} under the canonical name and every
 * alias (one service with all of them as its {@code osgi.command.function}), ranked above the
 * component itself, so that Gogo calls the wrapper: {@code --help},
 * argument diagnosis and the other spellings work for every command without the command doing
 * anything. The naming rule (README, "Command names"): the kernel's identifier where a command
 * mirrors a kernel function ({@code pm:get_sync}), dashes elsewhere ({@code vfio:hot-reset}); a
 * component declares a dashed canonical name with {@value #ALIAS}{@code =hot-reset=hot_reset}
 * (Java method names cannot hold a dash). The other spelling of every name is an alias.
 * <p>
 * A component may describe its scope for {@code help} with {@value #SCOPE_DESCRIPTION}.
 * <p>
 * The catalog reads a command's names from its service's properties and gets the service only
 * when the command is first run or described: the command components are delayed, so a script
 * activates only those of the commands it runs (a start-up cost nobody would observe otherwise).
 */
@Component(service = CommandCatalog.class, immediate = true)
public final class CommandCatalog {

    static final String SCOPE = "osgi.command.scope";
    static final String FUNCTION = "osgi.command.function";
    static final String ALIAS = "pmlab.command.alias";
    static final String SCOPE_DESCRIPTION = "pmlab.scope.description";
    /** Marks the wrappers this catalog registers, so it never wraps its own. */
    static final String WRAPPER = "pmlab.command.wrapper";
    /** Above the component's own registration (ranking 0): Gogo calls the highest. */
    static final int RANKING = 100;

    private final BundleContext context;
    private final Map<Target, List<CommandSpec>> commands = new LinkedHashMap<>();
    private final Map<String, String> scopeDescriptions = new TreeMap<>();

    /**
     * Command services of any interface, as Gogo itself finds them: a DS reference would need
     * one interface, and commands are registered under their own classes.
     */
    private final ServiceTracker<Object, Target> tracker;

    @Activate
    public CommandCatalog(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        Filter filter = context.createFilter("(&(" + SCOPE + "=*)(" + FUNCTION + "=*)(!(" + WRAPPER + "=*)))");
        tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public Target addingService(ServiceReference<Object> ref) {
                return track(ref);
            }

            @Override
            public void removedService(ServiceReference<Object> ref, Target target) {
                forget(target);
                target.release();
            }
        };
        tracker.open(true);
    }

    /** @return the command service's object, to get when first needed; null for a service that is not pmlab's */
    private Target track(ServiceReference<Object> ref) {
        Bundle b = ref.getBundle();
        if (b == null || b.getSymbolicName() == null || !b.getSymbolicName().startsWith(PlatformReadiness.PREFIX)) {
            return null; // Gogo's and the framework's commands stay as they are
        }
        Target target = new Target(ref);
        String scope = String.valueOf(ref.getProperty(SCOPE));
        Map<String, String> canonical = new HashMap<>();
        for (String alias : strings(ref.getProperty(ALIAS))) {
            int eq = alias.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad " + ALIAS + " '" + alias + "': expected name=method");
            }
            canonical.put(alias.substring(eq + 1), alias.substring(0, eq));
        }
        List<CommandSpec> specs = new ArrayList<>();
        for (String function : strings(ref.getProperty(FUNCTION))) {
            specs.add(CommandSpec.lazy(scope, canonical.getOrDefault(function, function), target, function));
        }
        List<ServiceRegistration<Function>> regs = new ArrayList<>();
        for (CommandSpec spec : specs) {
            Dictionary<String, Object> p = new Hashtable<>();
            p.put(SCOPE, spec.scope());
            p.put(FUNCTION, spec.allNames().stream().map(n -> n.substring(n.indexOf(':') + 1)).toArray(String[]::new));
            p.put(WRAPPER, Boolean.TRUE);
            p.put(Constants.SERVICE_RANKING, RANKING);
            regs.add(context.registerService(Function.class, new CommandFunction(spec), p));
        }
        Object description = ref.getProperty(SCOPE_DESCRIPTION);
        synchronized (this) {
            commands.put(target, specs);
            target.registrations = regs;
            if (description != null) {
                scopeDescriptions.put(scope, description.toString());
            }
        }
        return target;
    }

    private void forget(Target target) {
        List<ServiceRegistration<Function>> regs;
        synchronized (this) {
            commands.remove(target);
            regs = target.registrations;
            target.registrations = List.of();
        }
        regs.forEach(CommandCatalog::unregister);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        clear();
    }

    private synchronized void clear() {
        commands.keySet().forEach(t -> t.registrations.forEach(CommandCatalog::unregister));
        commands.clear();
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }

    /** Every pmlab command, by scope and name. */
    synchronized List<CommandSpec> all() {
        List<CommandSpec> all = new ArrayList<>();
        commands.values().forEach(all::addAll);
        all.sort(Comparator.comparing(CommandSpec::scope).thenComparing(CommandSpec::name));
        return all;
    }

    /** pmlab's scopes, sorted, with their descriptions (empty when none was given). */
    synchronized Map<String, String> scopes() {
        Map<String, String> out = new TreeMap<>();
        for (CommandSpec c : all()) {
            out.put(c.scope(), scopeDescriptions.getOrDefault(c.scope(), ""));
        }
        return out;
    }

    /** The commands a name reaches: one for a scoped name or a unique unscoped one, several for an ambiguous one. */
    List<CommandSpec> find(String name) {
        return all().stream().filter(c -> c.answersTo(name)).toList();
    }

    Optional<CommandSpec> findOne(String name) {
        List<CommandSpec> found = find(name);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Up to three names close to a mistyped one, nearest first: pmlab's commands by their
     * canonical names (an alias that is closer counts for its command), and the other commands.
     */
    List<String> suggest(String typed, Collection<String> others) {
        String t = typed.toLowerCase(Locale.ROOT);
        String bare = t.substring(t.indexOf(':') + 1);
        int limit = Math.max(2, bare.length() / 3);
        Map<String, Integer> score = new HashMap<>();
        for (CommandSpec c : all()) {
            for (String n : c.allNames()) {
                score.merge(c.fullName(), distance(t, bare, n), Math::min);
            }
        }
        for (String n : others) {
            if (find(n).isEmpty()) {
                score.merge(n, distance(t, bare, n), Math::min);
            }
        }
        return score.entrySet().stream().filter(e -> e.getValue() <= limit)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
    }

    /** How far {@code name} is from what was typed: scoped against scoped, or the bare names. */
    private static int distance(String typed, String bare, String name) {
        String nBare = name.substring(name.indexOf(':') + 1);
        int d = Names.distance(bare, nBare);
        return typed.contains(":") ? Math.min(Names.distance(typed, name), d + 1) : d;
    }

    /**
     * A command service's object, got from the framework when one of its commands is first run
     * or described (which activates its component), and given back when the service goes.
     */
    private final class Target implements Supplier<Object> {
        private final ServiceReference<Object> ref;
        /** the wrappers registered for its commands; guarded by the catalog */
        List<ServiceRegistration<Function>> registrations = List.of();
        private Object service; // guarded by this
        private boolean released; // guarded by this

        Target(ServiceReference<Object> ref) {
            this.ref = ref;
        }

        @Override
        public synchronized Object get() {
            if (service == null) {
                Object s = released ? null : context.getService(ref);
                if (s == null) {
                    throw new IllegalStateException("the " + ref.getProperty(SCOPE)
                            + " commands are not available: their component is gone or did not activate");
                }
                service = s;
            }
            return service;
        }

        synchronized void release() {
            released = true;
            if (service != null) {
                service = null;
                try {
                    context.ungetService(ref);
                } catch (IllegalStateException stopping) {
                    // the catalog's bundle is stopping: the framework releases it
                }
            }
        }
    }

    private static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }
}
