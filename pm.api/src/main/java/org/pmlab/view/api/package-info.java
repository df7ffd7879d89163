/**
 * Views of a machine for people: the timeline picture of a trace and the live web view.
 */
@Export
@Version("1.0.0")
package org.pmlab.view.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
