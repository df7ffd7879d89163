/**
 * Hardware values every layer shares: PCI addresses, capabilities, port and hot-plug kinds,
 * power states and register contents. Plain immutable values; no services.
 * <p>
 * 1.0.0: new since the 1.0.0 API (its types came from {@code org.pmlab.pci.api}).
 * <p>
 * 1.1.0: {@link org.pmlab.hw.api.PhysicalState}, what a function draws power as.
 */
@Export
@Version("1.1.0")
package org.pmlab.hw.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
