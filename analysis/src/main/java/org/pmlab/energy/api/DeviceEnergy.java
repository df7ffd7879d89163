package org.pmlab.energy.api;

import java.util.Objects;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.pci.api.Residency;

/** One function's residency over a window, priced: joules per state, in total, and the average power. */
public record DeviceEnergy(Residency residency, DevicePower power) {
    public DeviceEnergy {
        Objects.requireNonNull(residency, "residency");
        Objects.requireNonNull(power, "power");
    }

    public double joules(PhysicalState s) {
        return residency.nanos(s) / 1e9 * power.watts(s);
    }

    public double joules() {
        double j = 0;
        for (PhysicalState s : PhysicalState.values()) {
            j += joules(s);
        }
        return j;
    }

    /** Joules over the time the function existed in the window; 0 for an empty window. */
    public double averageWatts() {
        long ns = residency.totalNanos();
        return ns == 0 ? 0 : joules() / (ns / 1e9);
    }
}
