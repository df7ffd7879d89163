package org.pmlab.topology.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that produces a topology by name, such as "host" (the machine pmlab runs
 * on, read from its /sys read-only). Registered with the property {@value #NAME}.
 */
@ConsumerType
public interface TopologySource {
    String NAME = "topology.source";

    String name();

    /**
     * @throws TopologyException when the source cannot produce a valid topology
     */
    Topology load();
}
