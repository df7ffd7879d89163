package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * Gogo's formatter for pmlab's results: whatever prints a result (the console, the script
 * runner, a pipe into {@code grep}) asks the session to format it, and the session asks every
 * registered Converter. Listings ({@link Rows}), views ({@link Rendered}) and records print in
 * the session's format ({@value Views#FORMAT_VARIABLE}: table, plain or json); {@link Json}
 * always as JSON. Anything else is left to Gogo.
 */
@Component(service = Converter.class)
public final class ResultFormatter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // arguments are ArgumentConverter's
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Json j) {
            return Views.json(j.value());
        }
        if (!ours(target)) {
            return null;
        }
        if (level != INSPECT) {
            // inside another result (a list of lists, a map): one line
            return target instanceof Rows<?> r ? r.size() + " rows" : target.toString();
        }
        StringBuilder sb = new StringBuilder();
        write(target, escape, sb);
        return sb;
    }

    private static boolean ours(Object target) {
        return target instanceof Rows<?> || target instanceof Rendered
                || target instanceof Record && target.getClass().getName().startsWith("org.pmlab.");
    }

    /**
     * Writes a result as {@link #format} shows it at the top level, into {@code out} as it goes:
     * how the script runner and the console print a listing or a tree too big to build as one
     * text first.
     *
     * @param session the session whose format applies
     * @return false when the result is not one of pmlab's (Gogo formats those)
     */
    static boolean print(Object target, Object session, Appendable out) {
        if (!(target instanceof Json) && !ours(target)) {
            return false;
        }
        write(target, session, out);
        return true;
    }

    private static void write(Object target, Object escape, Appendable out) {
        try {
            if (target instanceof Json j) {
                out.append(Views.json(j.value()));
                return;
            }
            Views.Format format = format(escape);
            if (format == Views.Format.JSON) {
                out.append(Views.json(target));
            } else if (target instanceof Rows<?> r) {
                if (format == Views.Format.PLAIN) {
                    Views.plain(r, out);
                } else {
                    Views.table(r, out);
                }
            } else if (target instanceof Rendered v) {
                v.renderTo(out);
            } else {
                out.append(Views.keyValues((Record) target, format == Views.Format.PLAIN));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session's choice; Gogo passes the session as the escape converter. */
    private static Views.Format format(Object escape) {
        Object v = escape instanceof CommandSession s ? s.get(Views.FORMAT_VARIABLE) : null;
        if (v == null) {
            return Views.Format.TABLE;
        }
        try {
            return Args.word(Views.Format.class, v.toString());
        } catch (IllegalArgumentException unknown) {
            return Views.Format.TABLE;
        }
    }
}
