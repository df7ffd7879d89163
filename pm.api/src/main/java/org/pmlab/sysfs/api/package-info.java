/**
 * The kernel's sysfs surface over a simulated machine ({@code /sys/bus/pci/...}), its mirror into
 * a real directory, and the read-only import of a real host's PCI topology.
 */
@Export
@Version("1.0.0")
package org.pmlab.sysfs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
