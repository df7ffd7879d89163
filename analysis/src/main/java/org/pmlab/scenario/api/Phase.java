package org.pmlab.scenario.api;

import java.util.List;
import org.pmlab.hw.api.PowerState;

/**
 * The power states at the end of one step of a scenario: the device's, then each bridge's above
 * it, settled.
 *
 * @param name the step, e.g. "open", "closed"
 */
public record Phase(String name, PowerState device, List<PowerState> bridges) {
    public Phase {
        bridges = List.copyOf(bridges);
    }

    /** "D3cold/D3cold": device, then each bridge. */
    public String states() {
        StringBuilder sb = new StringBuilder(device.label());
        for (PowerState b : bridges) {
            sb.append('/').append(b.label());
        }
        return sb.toString();
    }
}
