package org.pmlab.scenario.api;

import java.util.List;
import org.pmlab.hw.api.Bdf;

/** One scenario across kernels and firmware: a cell per (firmware, kernel), in the request's order. */
public record ScenarioTable(Scenario scenario, Bdf device, List<Bdf> bridges, long windowNs, List<ScenarioCell> cells) {
    public ScenarioTable {
        bridges = List.copyOf(bridges);
        cells = List.copyOf(cells);
    }
}
