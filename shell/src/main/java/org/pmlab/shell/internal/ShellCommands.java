package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code shell:} scope: {@code help} (pmlab's scopes first, Gogo's plumbing apart), and
 * {@code exit}/{@code quit}. The profile puts {@code shell} first on Gogo's scope path, so
 * these answer to their bare names.
 */
@Component(service = ShellCommands.class, property = {CommandCatalog.SCOPE + "=shell",
    CommandCatalog.FUNCTION + "=help", CommandCatalog.FUNCTION + "=exit", CommandCatalog.FUNCTION + "=quit",
    CommandCatalog.SCOPE_DESCRIPTION + "=the shell itself: help, and leaving"})
public final class ShellCommands {

    private final CommandCatalog catalog;
    private final BundleContext context;

    @Activate
    public ShellCommands(@Reference CommandCatalog catalog, BundleContext context) {
        this.catalog = catalog;
        this.context = context;
    }

    @Descriptor("list pmlab's commands by scope, each with what it does")
    @Example("help")
    @Example("help pm")
    @Example("help vfio:hot-reset")
    @Example("help --json")
    public Object help(CommandSession session, @Descriptor("every command, its forms and parameters as JSON, for tools")
            @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        if (json) {
            return new Json(CommandDocs.of(catalog.all()));
        }
        return HelpText.overview(catalog.scopes(), catalog.all(), otherScopes(session));
    }

    @Descriptor("describe one command (any of its names, with or without scope) or list one scope")
    public Object help(CommandSession session, @Descriptor("every command, its forms and parameters as JSON, for tools")
            @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("a command such as pm:get_sync, or a scope such as pm") String name) {
        String n = name.trim();
        if (json) {
            List<CommandSpec> specs = catalog.find(n).isEmpty()
                    ? catalog.all().stream().filter(c -> c.scope().equals(n.toLowerCase(Locale.ROOT))).toList()
                    : catalog.find(n);
            if (specs.isEmpty()) {
                throw new UsageException("no pmlab command or scope named '" + n + "'");
            }
            return new Json(CommandDocs.of(specs));
        }
        Map<String, String> scopes = catalog.scopes();
        if (scopes.containsKey(n.toLowerCase(Locale.ROOT))) {
            String s = n.toLowerCase(Locale.ROOT);
            return HelpText.scope(s, scopes.get(s), catalog.all().stream().filter(c -> c.scope().equals(s)).toList());
        }
        List<CommandSpec> found = catalog.find(n);
        if (found.size() == 1) {
            return HelpText.command(found.get(0));
        }
        if (found.size() > 1) {
            StringBuilder sb = new StringBuilder(n + " is a command in " + found.size() + " scopes:\n");
            found.forEach(c -> sb.append("\n").append(HelpText.command(c)).append("\n"));
            return sb.toString().stripTrailing();
        }
        Set<String> all = commands(session);
        String lower = n.toLowerCase(Locale.ROOT);
        List<String> inScope = all.stream().filter(c -> c.startsWith(lower + ":")).sorted().toList();
        if (!inScope.isEmpty()) {
            return otherScope(lower, inScope);
        }
        List<String> other = all.stream().filter(c -> c.equals(lower) || c.endsWith(":" + lower)).sorted().toList();
        if (!other.isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (String c : other) {
                texts.add(otherCommand(c));
            }
            return String.join("\n\n", texts);
        }
        List<String> near = catalog.suggest(n, all);
        throw new UsageException("no command or scope named '" + n + "'"
                + (near.isEmpty() ? "; 'help' lists them" : "; did you mean " + String.join(", ", near) + "?"));
    }

    @Descriptor("leave the shell (or end a script here, with the status it has so far)")
    public void exit() {
        throw new ExitRequest(null);
    }

    @Descriptor("leave the shell, or end a script, with this exit status")
    public void exit(@Descriptor("0 to 255") Args.Int status) {
        if (status.value() < 0 || status.value() > 255) {
            throw new UsageException("STATUS: " + status.value() + " is out of range (expected 0 to 255)");
        }
        throw new ExitRequest(status.value());
    }

    @Descriptor("leave the shell (the same as exit)")
    public void quit() {
        throw new ExitRequest(null);
    }

    /** Commands that are not pmlab's: how many each scope has. */
    private Map<String, Integer> otherScopes(CommandSession session) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> pmlab = catalog.scopes().keySet();
        for (String c : commands(session)) {
            int colon = c.indexOf(':');
            String scope = colon < 0 ? "" : c.substring(0, colon);
            if (!pmlab.contains(scope) && !scope.isEmpty()) {
                out.merge(scope, 1, Integer::sum);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> commands(CommandSession session) {
        Object c = session == null ? null : session.get(".commands");
        return c instanceof Set<?> s ? (Set<String>) s : Set.of();
    }

    private String otherScope(String scope, List<String> names) {
        StringBuilder sb = new StringBuilder(scope + " (Gogo and OSGi commands; 'help NAME' describes one)\n");
        int w = names.stream().mapToInt(String::length).max().orElse(0);
        for (String c : names) {
            CommandSpec spec = reflect(c);
            sb.append("\n  ").append(HelpText.pad(c, w)).append("  ").append(spec == null ? "" : spec.summary());
        }
        return sb.toString().stripTrailing();
    }

    private String otherCommand(String name) {
        CommandSpec spec = reflect(name);
        if (spec == null || spec.forms().isEmpty()) {
            return name + " (no description; try '" + name + " --help')";
        }
        if (spec.forms().stream().allMatch(f -> f.params().size() == 1 && f.params().get(0).type() == String[].class)) {
            return name + " - " + spec.summary() + "\n  (takes its own options: '" + name + " --help' lists them)";
        }
        return HelpText.command(spec);
    }

    /** A command registered as a service by someone else, read the same way as pmlab's. */
    private CommandSpec reflect(String name) {
        int colon = name.indexOf(':');
        String scope = name.substring(0, colon);
        String fn = name.substring(colon + 1);
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null,
                    "(&(" + CommandCatalog.SCOPE + "=" + scope + ")(" + CommandCatalog.FUNCTION + "=" + fn + "))");
            if (refs == null) {
                return null;
            }
            for (ServiceReference<?> r : refs) {
                Object svc = context.getService(r);
                try {
                    if (svc != null && !(svc instanceof org.apache.felix.service.command.Function)) {
                        return CommandSpec.of(scope, fn, svc, fn);
                    }
                } finally {
                    context.ungetService(r);
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            return null; // a name with filter characters names no service
        }
    }
}
