/**
 * The simulated host as one object: a {@code Machine} assembles every layer (runtime PM, PCI,
 * firmware, clock, log, trace, faults), and the {@code Lab} owns the live machine and boots
 * fresh ones. The only API package that knows every other one.
 */
@Export
@Version("1.0.0")
package org.pmlab.machine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
