/**
 * The PCI subsystem's services: devices, the bus as user space sees it, the PCI core
 * functions drivers call, and the driver contract with the {@link org.pmlab.pci.api.DriverContext}
 * a driver module gets.
 * <p>
 * 2.0.0: the hardware values (Bdf, PowerState, capabilities, ...) moved to {@code org.pmlab.hw.api};
 * {@code PciDriverProvider.create} takes a {@code DriverContext} instead of the whole machine;
 * {@code PciDevice} lost {@code stateSaved()}, which no user of the interface called.
 * <p>
 * 2.1.0: the power-state ledger ({@link org.pmlab.pci.api.Residency}, {@code PciBus.residency});
 * {@code PciBus.why} ({@link org.pmlab.pci.api.WhyBlock}, {@link org.pmlab.pci.api.WhyLine}),
 * {@code PciDriver.pmHolds} ({@link org.pmlab.pci.api.PmHold}), {@code PciDevice.disconnected}.
 */
@Export
@Version("2.1.0")
package org.pmlab.pci.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
