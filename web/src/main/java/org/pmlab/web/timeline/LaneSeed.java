package org.pmlab.web.timeline;

import org.pmlab.web.timeline.Timeline.LaneKind;

/**
 * A lane before the trace is read: who it is and its state now, which holds over the whole
 * window when no record changes it.
 *
 * @param power the current {@code power_state} word, "on"/"off" for a resource, null for a bus
 * @param status the current {@code runtime_status} word, null for a resource
 */
public record LaneSeed(String name, String label, int depth, LaneKind kind, String power, String status) {
}
