package org.pmlab.shell.internal;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

/**
 * Gogo's converter for pmlab's argument types ({@link Conversions}): what a user typed becomes
 * a {@code Bdf}, a {@code Duration}, a checked number. Gogo drops a converter's exception and
 * reports only that it could not coerce, so a failure here answers null, and the command
 * wrapper ({@link CommandFunction}) asks {@link Conversions} again to say what was wrong.
 */
@Component(service = Converter.class)
public final class ArgumentConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (in == null || !Conversions.handles(desiredType)
                || !(in instanceof CharSequence || in instanceof Number || in instanceof Boolean)) {
            return null;
        }
        try {
            return Conversions.parse(desiredType, in.toString());
        } catch (IllegalArgumentException wrong) {
            return null;
        }
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return null; // results are ResultFormatter's
    }
}
