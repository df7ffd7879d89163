/**
 * Hardware descriptions: the topology a machine boots from, and its JSON codec.
 * <p>
 * 1.1.0: {@link org.pmlab.topology.api.PowerSpec}, a device's own power figures ({@code DeviceSpec.power}).
 */
@Export
@Version("1.1.0")
package org.pmlab.topology.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
