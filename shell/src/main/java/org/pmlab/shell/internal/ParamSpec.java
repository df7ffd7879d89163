package org.pmlab.shell.internal;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of one form of a command, as {@code help}, the usage diagnosis and completion
 * see it: a positional argument (shown as its Java name in capitals, {@code DELAY_MS}), an
 * option with a value ({@code --parent DEVICE}) or a flag ({@code --once}).
 *
 * @param name        the display name of the value: {@code BDF}, {@code DEVICE}
 * @param type        the Java type the value is converted to
 * @param description the parameter's {@code @Descriptor}
 * @param options     the option's names ({@code -g}, {@code --groups}); empty for a positional
 * @param flag        an option without a value
 * @param repeated    the last positional of a form taking any number of values ({@code BDF...}),
 *                    whose {@code type} is then the type of one value
 */
record ParamSpec(String name, Class<?> type, String description, List<String> options, boolean flag,
        boolean repeated) {

    ParamSpec {
        options = List.copyOf(options);
    }

    boolean positional() {
        return options.isEmpty();
    }

    /** The long name of an option (the last one given), else the first. */
    String optionName() {
        for (String o : options) {
            if (o.startsWith("--")) {
                return o;
            }
        }
        return options.isEmpty() ? name : options.get(0);
    }

    /** How usage shows it: {@code BDF}, {@code [-g|--groups GROUPS]}, {@code [--once]}. */
    String usage() {
        if (positional()) {
            return repeated ? "[" + name + "...]" : name;
        }
        return "[" + String.join("|", options) + (flag ? "" : " " + name) + "]";
    }

    /** {@code delayMs} is {@code DELAY_MS}; {@code bdf} is {@code BDF}. */
    static String display(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
