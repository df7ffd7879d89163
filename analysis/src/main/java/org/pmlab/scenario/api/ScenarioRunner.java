package org.pmlab.scenario.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.machine.api.Machine;

/** Runs scenarios on fresh machines booted from a machine's hardware and kernel command line. */
@ProviderType
public interface ScenarioRunner {
    /**
     * One table per scenario.
     *
     * @throws IllegalArgumentException for an unknown firmware, a device the topology lacks, or a
     *         device a scenario cannot use (no SR-IOV PF for {@link Scenario#SRIOV})
     */
    List<ScenarioTable> compare(Machine like, CompareRequest request);
}
