/**
 * What power states cost: the power model (watts per physical state for each PCI function,
 * from class defaults, the topology and Config Admin) and energy over a window of the model's
 * own state timeline.
 */
@Export
@Version("1.0.0")
package org.pmlab.energy.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
