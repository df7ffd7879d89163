/**
 * The kernel's sysfs surface over a simulated machine ({@code /sys/bus/pci/...}), its mirror into
 * a real directory, and the read-only import of a real host's PCI topology.
 * <p>
 * 2.0.0: {@code Sysfs.of} takes the machine of {@code org.pmlab.machine.api}; the unused
 * {@code SysfsEntry.readable()}/{@code writable()} were removed; {@code SysfsWriteException} was
 * added.
 */
@Export
@Version("2.0.0")
package org.pmlab.sysfs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
