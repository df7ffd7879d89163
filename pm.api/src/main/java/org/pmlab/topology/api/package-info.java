/**
 * Hardware descriptions: the topology a machine boots from, and its JSON codec.
 * <p>
 * 1.1.0: {@code FleetShape} and {@code TopologyGenerator}, generated fleet-class hosts.
 */
@Export
@Version("1.1.0")
package org.pmlab.topology.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
