/**
 * The vfio-pci driver as a user process meets it on one machine: device file descriptors, the
 * device ioctls that matter for power management, region access, and the module parameter
 * {@code disable_idle_d3}. Results are kernel-style: a value ≥ 0, or a negative errno.
 */
@Export
@Version("1.0.0")
package org.pmlab.vfio.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
