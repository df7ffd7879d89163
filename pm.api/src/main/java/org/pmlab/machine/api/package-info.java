/**
 * The simulated host as one object: a {@code Machine} assembles every layer (runtime PM, PCI,
 * firmware, clock, log, trace, faults), and the {@code Lab} owns the live machine and boots
 * fresh ones. The only API package that knows every other one.
 * <p>
 * 1.0.0: new since the 1.0.0 API (its types came from {@code org.pmlab.sim.api}); never
 * released before, so its first release starts at 1.0.0.
 * <p>
 * 1.1.0: {@code Lab.progress()} and {@code LabProgress}, how far a boot under way is.
 */
@Export
@Version("1.1.0")
package org.pmlab.machine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
