package org.pmlab.scenario.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.pmlab.hw.api.Bdf;
import org.pmlab.sim.api.KernelVersion;

/**
 * What {@code sim:compare} runs: each scenario on a fresh machine per kernel and firmware.
 *
 * @param firmware firmware names; "native" for none
 * @param device the device, or {@code null}: the first endpoint with a PM capability (the first
 *        SR-IOV PF for the SR-IOV scenario)
 * @param window the energy window from the scenario's start; a scenario that takes longer is measured to its end
 */
public record CompareRequest(List<Scenario> scenarios, List<KernelVersion> kernels, List<String> firmware, Bdf device,
        Duration window) {
    public CompareRequest {
        scenarios = List.copyOf(scenarios);
        kernels = List.copyOf(kernels);
        firmware = List.copyOf(firmware);
        Objects.requireNonNull(window, "window");
        if (scenarios.isEmpty() || kernels.isEmpty() || firmware.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one scenario, kernel and firmware");
        }
    }
}
