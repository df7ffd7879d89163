/**
 * The infrastructure every layer of a simulated machine shares, and nothing else: virtual
 * time and deferred work, the kernel version and command line, fault injection, the kernel log,
 * the trace and the model's event topics. A leaf: it uses no other pmlab package.
 * <p>
 * 2.0.0: Machine, Lab, BootSpec and FirmwareControl moved to {@code org.pmlab.machine.api}.
 * 2.1.0: {@code SimClock.settleLimit()}, sized to the machine; {@code SimClock.settle(WorkProgress)}.
 */
@Export
@Version("2.1.0")
package org.pmlab.sim.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
