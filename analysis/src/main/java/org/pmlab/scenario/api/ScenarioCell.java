package org.pmlab.scenario.api;

import java.util.List;
import org.pmlab.sim.api.KernelVersion;

/**
 * One scenario on one fresh machine.
 *
 * @param phases the states after each step
 * @param toLowestNs virtual time from the scenario's last step until the device and its bridges
 *        stopped changing state
 * @param joules energy of the device and its bridges over the window
 * @param note why the scenario could not run as written ("LOW_POWER_ENTRY -ENOTTY (6.1+)"), or {@code null}
 */
public record ScenarioCell(String firmware, KernelVersion kernel, List<Phase> phases, long toLowestNs, double joules,
        String note) {
    public ScenarioCell {
        phases = List.copyOf(phases);
    }
}
