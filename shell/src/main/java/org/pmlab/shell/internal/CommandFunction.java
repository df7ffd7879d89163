package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * What Gogo calls for a pmlab command (under its canonical name and every alias): answers
 * {@code --help} with the command's help, hands the arguments to Gogo's own reflective call
 * (Gogo's converters, option handling and overload choice), and turns Gogo's "Cannot coerce"
 * into a sentence that names the argument and the problem.
 */
final class CommandFunction implements Function {

    static final String HELP = "--help";

    private final CommandSpec spec;

    CommandFunction(CommandSpec spec) {
        this.spec = spec;
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        List<Object> args = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            // an unquoted word arrives as Gogo's token, which Gogo would turn into a number,
            // a boolean or null ("null") before converting: commands get the text the user typed
            Object v = a instanceof CharSequence && !(a instanceof String) ? a.toString() : a;
            String joined = v instanceof String s ? valueOption(s) : null;
            if (joined != null) {
                // --option=value, as GNU tools take it, is the option and its value
                args.add(joined);
                args.add(((String) v).substring(joined.length() + 1));
            } else {
                args.add(v);
            }
        }
        if (args.contains(HELP)) {
            return HelpText.command(spec);
        }
        for (Object a : args) {
            // GNU tools' rule: a word that starts with "--" is an option, never a value
            if (a instanceof String w && w.startsWith("--") && w.length() > 2
                    && spec.allOptions().stream().noneMatch(p -> p.options().contains(w))) {
                throw new UsageException(UsageCheck.diagnose(spec, args));
            }
        }
        if (args.contains(null)) {
            // an unset variable ($x): Gogo would hand the command a null it cannot use
            throw new UsageException(UsageCheck.diagnose(spec, args));
        }
        try {
            return Reflective.invoke(session, spec.target(), spec.method(), args);
        } catch (IllegalArgumentException e) {
            if (isCoercionFailure(e)) {
                throw new UsageException(UsageCheck.diagnose(spec, args));
            }
            throw e;
        }
    }

    /** The option of {@code --name=value} when the command has a value option of that name, else null. */
    private String valueOption(String word) {
        int eq = word.indexOf('=');
        if (!word.startsWith("--") || eq < 0) {
            return null;
        }
        String name = word.substring(0, eq);
        return spec.allOptions().stream().anyMatch(p -> !p.flag() && p.options().contains(name)) ? name : null;
    }

    /** Gogo's own "no form fits", as opposed to an IllegalArgumentException the command threw. */
    static boolean isCoercionFailure(IllegalArgumentException e) {
        StackTraceElement[] at = e.getStackTrace();
        return at.length > 0 && at[0].getClassName().equals(Reflective.class.getName())
                && e.getMessage() != null && e.getMessage().startsWith("Cannot coerce ");
    }
}
