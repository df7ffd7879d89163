package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text of {@code help}: the overview, one scope, one command. */
final class HelpText {
    private HelpText() {
    }

    static final String HOW = "'help SCOPE' lists one scope; 'help COMMAND' or 'COMMAND --help' describes a command.";

    /** Every pmlab command by scope, then where the rest is. */
    static String overview(Map<String, String> scopes, List<CommandSpec> commands, Map<String, Integer> otherScopes) {
        StringBuilder sb = new StringBuilder("pmlab commands by scope. " + HOW + "\n");
        int w = commands.stream().mapToInt(c -> c.fullName().length()).max().orElse(0);
        for (Map.Entry<String, String> s : scopes.entrySet()) {
            sb.append('\n').append(s.getKey());
            if (!s.getValue().isEmpty()) {
                sb.append(" - ").append(s.getValue());
            }
            sb.append('\n');
            for (CommandSpec c : commands) {
                if (c.scope().equals(s.getKey())) {
                    sb.append("  ").append(pad(c.fullName(), w)).append("  ").append(c.summary()).append('\n');
                }
            }
        }
        if (!otherScopes.isEmpty()) {
            List<String> others = new ArrayList<>();
            otherScopes.forEach((scope, n) -> others.add(scope + " (" + n + ")"));
            sb.append("\nGogo and OSGi commands, by scope: ").append(String.join(", ", others))
                    .append(". 'help gogo' lists one of them.");
        }
        return sb.toString().stripTrailing();
    }

    /** One scope: each command with its summary and usage. */
    static String scope(String scope, String description, List<CommandSpec> commands) {
        StringBuilder sb = new StringBuilder(scope);
        if (!description.isEmpty()) {
            sb.append(" - ").append(description);
        }
        sb.append('\n');
        for (CommandSpec c : commands) {
            sb.append('\n').append(c.fullName()).append(" - ").append(c.summary()).append('\n');
            for (String u : c.usages()) {
                sb.append("  ").append(u).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /** One command: what it does, its forms, its arguments and options, its other names, examples. */
    static String command(CommandSpec c) {
        StringBuilder sb = new StringBuilder(c.fullName()).append(" - ").append(c.summary()).append("\n\nUsage:\n");
        List<String> usages = c.usages();
        int uw = usages.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < c.forms().size(); i++) {
            CommandForm f = c.forms().get(i);
            sb.append("  ").append(c.forms().size() == 1 ? usages.get(i) : pad(usages.get(i), uw) + "  " + f.description())
                    .append('\n');
        }
        Map<String, ParamSpec> positionals = new LinkedHashMap<>();
        for (CommandForm f : c.forms()) {
            for (ParamSpec p : f.positionals()) {
                positionals.putIfAbsent(p.name(), p);
            }
        }
        List<ParamSpec> options = c.allOptions();
        List<String[]> rows = new ArrayList<>();
        positionals.values().forEach(p -> rows.add(new String[] {p.name(), p.description()}));
        int aw = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (ParamSpec p : options) {
            aw = Math.max(aw, optionLabel(p).length());
        }
        if (!positionals.isEmpty()) {
            sb.append("\nArguments:\n");
            for (ParamSpec p : positionals.values()) {
                param(sb, p.name(), p, aw);
            }
        }
        if (!options.isEmpty()) {
            sb.append("\nOptions:\n");
            for (ParamSpec p : options) {
                param(sb, optionLabel(p), p, aw);
            }
        }
        if (!c.aliases().isEmpty()) {
            sb.append("\nAlso named: ").append(String.join(", ", c.allNames().subList(1, c.allNames().size()))).append('\n');
        }
        if (!c.examples().isEmpty()) {
            sb.append("\nExample").append(c.examples().size() > 1 ? "s" : "").append(":\n");
            c.examples().forEach(e -> sb.append("  ").append(e).append('\n'));
        }
        return sb.toString().stripTrailing();
    }

    private static String optionLabel(ParamSpec p) {
        return String.join(", ", p.options()) + (p.flag() ? "" : " " + p.name());
    }

    private static void param(StringBuilder sb, String label, ParamSpec p, int w) {
        sb.append("  ").append(pad(label, w)).append("  ").append(p.description()).append('\n');
        if (Conversions.isWord(p.type())) {
            int ww = 0;
            for (Object e : p.type().getEnumConstants()) {
                ww = Math.max(ww, ((Word) e).word().length());
            }
            for (Object e : p.type().getEnumConstants()) {
                Word word = (Word) e;
                sb.append("  ").append(" ".repeat(w)).append("    ").append(pad(word.word(), ww)).append("  ")
                        .append(word.description()).append('\n');
            }
        }
    }

    static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
