package org.pmlab.topology.api;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.sim.api.WorkProgress;

/**
 * Builds fleet-class hosts from a {@link FleetShape}: root ports, switches, slots of GPUs and
 * SR-IOV NICs, one ACPI power resource per slot, as many PCI domains as the buses need.
 */
@ProviderType
public interface TopologyGenerator {

    /** The whole topology in memory. */
    Topology generate(FleetShape shape);

    /**
     * Writes the topology in the JSON format of {@link TopologyCodec}, one device at a time, so a
     * host of millions of functions is never held whole. {@code progress} hears of the devices
     * written; if it throws, the file is left incomplete and removed.
     */
    void write(FleetShape shape, Path file, WorkProgress progress) throws IOException;
}
