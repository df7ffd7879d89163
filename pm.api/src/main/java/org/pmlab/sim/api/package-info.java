/**
 * The simulated machine: virtual time, kernel version and parameters, fault injection,
 * the kernel log and the trace, and the lab that boots machines.
 */
@Export
@Version("1.0.0")
package org.pmlab.sim.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
