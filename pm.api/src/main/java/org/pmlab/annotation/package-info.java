/**
 * Source annotations that tie the model to the kernel it follows: {@link Kernel} names the
 * kernel function a piece of code corresponds to. Build-time only ({@code CLASS} retention).
 */
@Export
@Version("1.0.0")
package org.pmlab.annotation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
