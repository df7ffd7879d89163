/**
 * The platform firmware SPI, shaped by the kernel's platform PM hooks for PCI
 * ({@code struct pci_platform_pm_ops}, ≤ v5.18; direct ACPI calls from v5.19).
 */
@Export
@Version("1.0.0")
package org.pmlab.firmware.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
