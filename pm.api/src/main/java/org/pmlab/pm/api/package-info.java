/**
 * Runtime power management of devices: the contract of the kernel's
 * drivers/base/power/runtime.c (include/linux/pm_runtime.h) with kernel-style int results.
 * <p>
 * 1.1.0: {@code Errno} gained EISDIR, ELOOP, ENOTDIR and ESPIPE (additions a consumer may ignore).
 */
@Export
@Version("1.1.0")
package org.pmlab.pm.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
