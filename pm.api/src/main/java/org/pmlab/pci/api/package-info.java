/**
 * The PCI model: addresses, power states, capabilities, devices, the bus as user space sees
 * it, the PCI core functions drivers call, and the driver contract.
 */
@Export
@Version("1.0.0")
package org.pmlab.pci.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
