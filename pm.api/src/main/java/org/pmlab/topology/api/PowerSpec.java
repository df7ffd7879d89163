package org.pmlab.topology.api;

import org.pmlab.hw.api.PhysicalState;

/**
 * A device's own power figures, overriding the power model's defaults for its class: watts drawn
 * in each physical state. A {@code null} leaves the model's value. (The PCI PM capability's Data
 * register reports the same table, per D-state.)
 */
public record PowerSpec(Double d0Active, Double d0Idle, Double d1, Double d2, Double d3hot, Double d3cold) {
    public PowerSpec {
        check("d0Active", d0Active);
        check("d0Idle", d0Idle);
        check("d1", d1);
        check("d2", d2);
        check("d3hot", d3hot);
        check("d3cold", d3cold);
    }

    private static void check(String name, Double watts) {
        if (watts != null && (watts.isNaN() || watts.isInfinite() || watts < 0)) {
            throw new IllegalArgumentException(name + " must be a number of watts, 0 or more, got " + watts);
        }
    }

    /** The override for one state, or {@code null}. */
    public Double watts(PhysicalState s) {
        return switch (s) {
            case D0_ACTIVE -> d0Active;
            case D0_IDLE -> d0Idle;
            case D1 -> d1;
            case D2 -> d2;
            case D3HOT -> d3hot;
            case D3COLD -> d3cold;
        };
    }

    /** The JSON field name of a state's figure. */
    public static String field(PhysicalState s) {
        return switch (s) {
            case D0_ACTIVE -> "d0Active";
            case D0_IDLE -> "d0Idle";
            case D1 -> "d1";
            case D2 -> "d2";
            case D3HOT -> "d3hot";
            case D3COLD -> "d3cold";
        };
    }
}
