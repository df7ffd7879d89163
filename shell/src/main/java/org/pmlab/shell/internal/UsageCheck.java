package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says why Gogo could not call a command with the arguments given. Gogo only knows that no form
 * of the method fits ("Cannot coerce ..."); this reads the same forms and converters to name
 * the argument and the problem: an unknown option, an option without its value, a missing or
 * extra argument, or the first value that does not convert and why.
 */
final class UsageCheck {
    private UsageCheck() {
    }

    static String diagnose(CommandSpec spec, List<Object> args) {
        List<ParamSpec> options = spec.allOptions();
        List<Object> positional = new ArrayList<>();
        List<String> optionProblems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            String text = a instanceof String s ? s : null;
            Optional<ParamSpec> opt = text == null ? Optional.empty()
                    : options.stream().filter(p -> p.options().contains(text)).findFirst();
            if (opt.isPresent()) {
                ParamSpec p = opt.get();
                if (!p.flag()) {
                    if (i + 1 >= args.size()) {
                        return "option " + text + " needs a value (" + p.name() + ")" + usage(spec);
                    }
                    Object value = args.get(++i);
                    String bad = convertProblem(p, value);
                    if (bad != null) {
                        optionProblems.add(text + ": " + bad);
                    }
                }
            } else if (text != null && looksLikeOption(text)) {
                return "unknown option '" + text + "'; " + (options.isEmpty() ? spec.fullName() + " takes no options"
                        : spec.fullName() + " takes " + options.stream().map(ParamSpec::optionName)
                                .collect(Collectors.joining(", "))) + usage(spec);
            } else {
                positional.add(a);
            }
        }
        if (!optionProblems.isEmpty()) {
            return optionProblems.get(0);
        }
        List<CommandForm> fitting = spec.forms().stream().filter(f -> f.takes(positional.size())).toList();
        if (fitting.isEmpty()) {
            return arity(spec, positional) + usage(spec);
        }
        for (CommandForm f : fitting) {
            for (int i = 0; i < positional.size(); i++) {
                ParamSpec p = f.positional(i);
                String bad = convertProblem(p, positional.get(i));
                if (bad != null) {
                    return p.name() + ": " + bad;
                }
            }
        }
        return "these arguments fit no form of " + spec.fullName() + usage(spec);
    }

    /** A word such as {@code --parent} or {@code -g}: not a negative number or an errno. */
    private static boolean looksLikeOption(String text) {
        return text.startsWith("--") && text.length() > 2 || text.matches("-[a-z]");
    }

    private static String arity(CommandSpec spec, List<Object> positional) {
        int n = positional.size();
        int max = spec.forms().stream().mapToInt(f -> f.positionals().size()).max().orElse(0);
        if (n > max && spec.forms().stream().noneMatch(f -> f.takes(n))) {
            List<String> extra = positional.subList(max, n).stream().map(o -> "'" + o + "'").toList();
            return (max == 0 ? spec.fullName() + " takes no arguments, got " : "too many arguments: ")
                    + String.join(" ", extra);
        }
        // the closest form with more arguments names what is missing
        CommandForm next = spec.forms().stream().filter(f -> f.positionals().size() > n).findFirst().orElseThrow();
        List<String> missing = next.positionals().subList(n, next.positionals().size()).stream().map(ParamSpec::name)
                .toList();
        return "missing " + String.join(" ", missing);
    }

    private static String usage(CommandSpec spec) {
        return "; usage: " + String.join(" | ", spec.usages());
    }

    /** Why a value does not convert to the parameter's type, or null if it does. */
    static String convertProblem(ParamSpec p, Object value) {
        if (value == null) {
            return "no value (an unset variable?)";
        }
        Class<?> t = p.type();
        if (t.isInstance(value) || t == String.class || t == Object.class) {
            return null;
        }
        String text = value.toString();
        try {
            if (Conversions.handles(t)) {
                Conversions.parse(t, text);
            } else if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
                Long.parseLong(text.trim());
            } else if (t == boolean.class || t == Boolean.class) {
                Args.KernelBool.parse(text);
            } else {
                return "'" + text + "' is not a " + ParamSpec.display(t.getSimpleName()).toLowerCase().replace('_', ' ');
            }
            return null;
        } catch (NumberFormatException e) {
            return "'" + text + "' is not a whole number";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
