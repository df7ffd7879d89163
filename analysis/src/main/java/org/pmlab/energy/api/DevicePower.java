package org.pmlab.energy.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.pmlab.hw.api.PhysicalState;

/**
 * The power figures of one function: watts in each physical state, and where each figure came
 * from ("class gpu", "topology", "config 10de:1eb8").
 *
 * @param powerClass the class whose defaults apply ({@code gpu}, {@code nic}, ...)
 */
public record DevicePower(String powerClass, Map<PhysicalState, Double> watts, Map<PhysicalState, String> sources) {
    public DevicePower {
        Objects.requireNonNull(powerClass, "powerClass");
        for (PhysicalState s : PhysicalState.values()) {
            if (!watts.containsKey(s) || !sources.containsKey(s)) {
                throw new IllegalArgumentException("a figure and its source are needed for every state; missing " + s);
            }
        }
        watts = java.util.Collections.unmodifiableMap(new EnumMap<>(watts));
        sources = java.util.Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    public double watts(PhysicalState s) {
        return watts.get(s);
    }

    public String source(PhysicalState s) {
        return sources.get(s);
    }

    /** Draws nothing in any state (host bridges, VFs: their power is their PF's). */
    public boolean isZero() {
        return watts.values().stream().allMatch(w -> w == 0);
    }
}
