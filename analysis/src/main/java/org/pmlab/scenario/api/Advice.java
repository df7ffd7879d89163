package org.pmlab.scenario.api;

import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.Bdf;

/**
 * The knob matrix of one device: every combination of the user's knobs tried on a fresh machine,
 * grouped where the outcome is the same, sorted by idle power.
 *
 * @param domains every value each knob was tried with, in order
 * @param port the bridge directly above the device, whose knobs are the "port" ones, or {@code null}
 */
public record Advice(Bdf device, Bdf port, List<Bdf> bridges, Map<Knob, List<String>> domains, List<AdviceRow> rows) {
    public Advice {
        bridges = List.copyOf(bridges);
        domains = Map.copyOf(domains);
        rows = List.copyOf(rows);
    }
}
