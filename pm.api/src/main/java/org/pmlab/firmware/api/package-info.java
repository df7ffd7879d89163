/**
 * The platform firmware SPI, shaped by the kernel's platform PM hooks for PCI
 * ({@code struct pci_platform_pm_ops}, ≤ v5.18; direct ACPI calls from v5.19).
 * <p>
 * 2.0.0: {@code PlatformFirmware.attach} takes a {@link org.pmlab.firmware.api.FirmwareContext}
 * instead of the whole machine. 2.1.0: {@code PlatformPm.supplies}, whether the platform powers a
 * function now; {@code PlatformPm} explains itself ({@code manageableReason},
 * {@code chooseStateReasons}, {@code bridgeD3Reason}, {@code resourcesOf});
 * {@code FirmwareContext.powerChanged}, main power of a function switched.
 */
@Export
@Version("2.1.0")
package org.pmlab.firmware.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
