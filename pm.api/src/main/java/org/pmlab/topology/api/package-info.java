/**
 * Hardware descriptions: the topology a machine boots from, and its JSON codec.
 * <p>
 * 2.0.0: {@code DeviceSpec} and {@code Topology} use the hardware values of
 * {@code org.pmlab.hw.api} (they were in {@code org.pmlab.pci.api}), so their constructors and
 * accessors changed type; {@code TopologySource} was added; native driver profiles
 * ({@code DriverProfile} and its steps) were added; {@link org.pmlab.topology.api.PowerSpec}, a
 * device's own power figures ({@code DeviceSpec.power}); {@code FleetShape} and
 * {@code TopologyGenerator} (generated fleet-class hosts) were added.
 */
@Export
@Version("2.0.0")
package org.pmlab.topology.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
