/**
 * What-if runs on fresh machines booted from the live machine's hardware: the same scenario
 * (bound and idle, open and close, hot reset, SR-IOV, low power) across kernel versions and
 * firmware, and the matrix of user-controllable knobs for one device.
 */
@Export
@Version("1.0.0")
package org.pmlab.scenario.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
