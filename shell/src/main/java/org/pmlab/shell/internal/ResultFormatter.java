package org.pmlab.shell.internal;

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
        boolean ours = target instanceof Rows<?> || target instanceof Rendered
                || target instanceof Record && target.getClass().getName().startsWith("org.pmlab.");
        if (!ours) {
            return null;
        }
        if (level != INSPECT) {
            // inside another result (a list of lists, a map): one line
            return target instanceof Rows<?> r ? r.size() + " rows" : target.toString();
        }
        Views.Format format = format(escape);
        if (format == Views.Format.JSON) {
            return Views.json(target);
        }
        boolean plain = format == Views.Format.PLAIN;
        if (target instanceof Rows<?> r) {
            return plain ? Views.plain(r) : Views.table(r);
        }
        if (target instanceof Rendered v) {
            return v.render();
        }
        return Views.keyValues((Record) target, plain);
    }

    /** The session's choice; Gogo passes the session as the escape converter. */
    private static Views.Format format(Converter escape) {
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
