package org.pmlab.shell.internal;

import java.time.Duration;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;
import org.pmlab.pci.api.Bdf;
import org.pmlab.pci.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/**
 * Lets commands take typed arguments: Gogo asks converters to turn the typed text into a
 * {@link Bdf}, {@link KernelVersion}, {@link PowerState} or {@link Duration}. A malformed value
 * fails with the value type's own one-line message.
 */
@Component(service = Converter.class)
public final class TypeConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (!(in instanceof CharSequence cs)) {
            return null;
        }
        String text = cs.toString();
        if (desiredType == Bdf.class) {
            return Bdf.parse(text);
        }
        if (desiredType == KernelVersion.class) {
            return KernelVersion.parse(text);
        }
        if (desiredType == PowerState.class) {
            return PowerState.parse(text);
        }
        if (desiredType == Duration.class) {
            return DurationText.parse(text);
        }
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Bdf || target instanceof KernelVersion || target instanceof PowerState) {
            return target.toString();
        }
        return null;
    }
}
