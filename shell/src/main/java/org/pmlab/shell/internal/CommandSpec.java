package org.pmlab.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One pmlab command: its canonical name, the other spellings that reach it, the object and
 * method Gogo invokes, and its forms. What {@code help}, completion and the usage diagnosis say
 * about a command all comes from here, that is from the command's own Gogo annotations.
 *
 * @param scope    {@code vfio}
 * @param name     the canonical name, {@code hot-reset}
 * @param aliases  the other names in the same scope, {@code hot_reset}
 * @param target   the command component
 * @param method   the Java method's name, {@code hot_reset}
 * @param forms    its overloads, fewest parameters first
 * @param examples example statements, from {@link Example}
 */
record CommandSpec(String scope, String name, List<String> aliases, Object target, String method,
        List<CommandForm> forms, List<String> examples) {

    CommandSpec {
        aliases = List.copyOf(aliases);
        forms = List.copyOf(forms);
        examples = List.copyOf(examples);
    }

    /**
     * Reads a command from its component: every public method named {@code method} is a form.
     *
     * @param name the canonical name; the method's name and its dash spelling become aliases
     */
    static CommandSpec of(String scope, String name, Object target, String method) {
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
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(method);
        aliases.add(method.replace('_', '-'));
        aliases.add(name.replace('-', '_'));
        aliases.remove(name);
        examples.sort(null);
        return new CommandSpec(scope, name, new ArrayList<>(aliases), target, method, forms, examples);
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
        return forms.isEmpty() ? "" : forms.get(0).description();
    }

    List<String> usages() {
        return forms.stream().map(f -> f.usage(fullName())).toList();
    }

    /** The options of every form, each once, in the order first seen. */
    List<ParamSpec> allOptions() {
        List<ParamSpec> out = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (CommandForm f : forms) {
            for (ParamSpec p : f.options()) {
                if (seen.add(p.options())) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
