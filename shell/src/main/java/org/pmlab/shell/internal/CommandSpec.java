package org.pmlab.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One pmlab command: its canonical name, the other spellings that reach it, the object and
 * method Gogo invokes, and its forms. What {@code help}, completion and the usage diagnosis say
 * about a command all comes from here, that is from the command's own Gogo annotations.
 * <p>
 * The names come from the command service's properties; the object, and the forms read from its
 * class, only when something first asks for them ({@link #target()}, {@link #forms()},
 * {@link #examples()}): running {@code pci:tree} activates the {@code pci} commands' component
 * and no other command's, and none of the services those would need.
 */
final class CommandSpec {

    private final String scope;
    private final String name;
    private final List<String> aliases;
    private final String method;
    private final Supplier<Object> source;
    private Body body; // guarded by this

    /** What the command's object says about it. */
    private record Body(Object target, List<CommandForm> forms, List<String> examples) {}

    private CommandSpec(String scope, String name, List<String> aliases, String method, Supplier<Object> source) {
        this.scope = scope;
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.method = method;
        this.source = source;
    }

    /**
     * A command of an object at hand.
     *
     * @param name the canonical name; the method's name and its dash spelling become aliases
     */
    static CommandSpec of(String scope, String name, Object target, String method) {
        return lazy(scope, name, () -> target, method);
    }

    /**
     * A command whose object {@code target} supplies on first use (it may throw
     * {@link IllegalStateException} when the object cannot be had).
     */
    static CommandSpec lazy(String scope, String name, Supplier<Object> target, String method) {
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(method);
        aliases.add(method.replace('_', '-'));
        aliases.add(name.replace('-', '_'));
        aliases.remove(name);
        return new CommandSpec(scope, name, new ArrayList<>(aliases), method, target);
    }

    /** {@code vfio} */
    String scope() {
        return scope;
    }

    /** The canonical name, {@code hot-reset}. */
    String name() {
        return name;
    }

    /** The other names in the same scope, {@code hot_reset}. */
    List<String> aliases() {
        return aliases;
    }

    /** The Java method's name, {@code hot_reset}. */
    String method() {
        return method;
    }

    /** The command component. */
    Object target() {
        return body().target();
    }

    /** Its overloads (every public method named {@link #method()}), fewest parameters first. */
    List<CommandForm> forms() {
        return body().forms();
    }

    /** Example statements, from {@link Example}. */
    List<String> examples() {
        return body().examples();
    }

    private synchronized Body body() {
        if (body == null) {
            Object target = source.get();
            List<CommandForm> forms = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            for (Method m : target.getClass().getMethods()) {
                if (m.getName().toLowerCase(Locale.ROOT).equals(method.toLowerCase(Locale.ROOT))
                        && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
                    forms.add(CommandForm.of(m));
                    for (Example e : m.getAnnotationsByType(Example.class)) {
                        examples.add(e.value());
                    }
                }
            }
            forms.sort(Comparator.comparingInt((CommandForm f) -> f.positionals().size())
                    .thenComparingInt(f -> f.options().size()));
            examples.sort(null);
            body = new Body(target, List.copyOf(forms), List.copyOf(examples));
        }
        return body;
    }

    String fullName() {
        return scope + ":" + name;
    }

    /** Every name that reaches the command, scoped: the canonical one first. */
    List<String> allNames() {
        List<String> all = new ArrayList<>();
        all.add(fullName());
        aliases.forEach(a -> all.add(scope + ":" + a));
        return all;
    }

    /** Whether {@code text} (scoped or not, any spelling) names this command. */
    boolean answersTo(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String s = colon < 0 ? null : t.substring(0, colon);
        String n = colon < 0 ? t : t.substring(colon + 1);
        if (s != null && !s.equals(scope)) {
            return false;
        }
        return n.equals(name) || aliases.contains(n);
    }

    /**
     * The command as a whole, in one line: the description of its shortest form (write that one
     * to describe the command, the others to describe their form).
     */
    String summary() {
        List<CommandForm> forms = forms();
        return forms.isEmpty() ? "" : forms.get(0).description();
    }

    List<String> usages() {
        return forms().stream().map(f -> f.usage(fullName())).toList();
    }

    /** The options of every form, each once, in the order first seen. */
    List<ParamSpec> allOptions() {
        List<ParamSpec> out = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (CommandForm f : forms()) {
            for (ParamSpec p : f.options()) {
                if (seen.add(p.options())) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
