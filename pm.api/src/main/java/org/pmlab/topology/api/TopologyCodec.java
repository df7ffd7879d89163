package org.pmlab.topology.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** Reads and writes the topology JSON format (documented in docs/topology-format.md). */
@ProviderType
public interface TopologyCodec {
    /**
     * Reads and validates a topology file.
     *
     * @throws TopologyException naming the file, the JSON path and the problem
     */
    Topology read(Path file);

    /** Parses and validates topology text; {@code source} names it in errors. */
    Topology parse(String json, String source);

    String write(Topology topology);

    /** The embedded topology used when none is given. */
    Topology defaultTopology();
}
