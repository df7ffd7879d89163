package org.pmlab.scenario.api;

import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.PowerState;

/**
 * Settings that all lead to the same idle outcome, and that outcome.
 *
 * @param knobs per knob the values this row covers, as text ("0", "auto", "6.1"); all of a knob's
 *        values means it does not matter here
 * @param idleWatts the device's and its bridges' power in their idle states, from the power model
 * @param resumeNs virtual time the first open took from idle ({@code VFIO_GROUP_GET_DEVICE_FD},
 *        which includes vfio-pci's function reset at open)
 * @param resumeResult the open's result: 0, or the negative errno a user would see
 * @param risks what to know before choosing it
 * @param current the live machine's settings are in this row
 */
public record AdviceRow(Map<Knob, List<String>> knobs, PowerState device, List<PowerState> bridges, double idleWatts,
        long resumeNs, int resumeResult, List<String> risks, boolean current) {
    public AdviceRow {
        knobs = Map.copyOf(knobs);
        bridges = List.copyOf(bridges);
        risks = List.copyOf(risks);
    }
}
