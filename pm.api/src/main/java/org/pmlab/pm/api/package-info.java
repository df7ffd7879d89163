/**
 * Runtime power management of devices: the contract of the kernel's
 * drivers/base/power/runtime.c (include/linux/pm_runtime.h) with kernel-style int results.
 * <p>
 * 1.1.0: {@code Errno} gained EISDIR, ELOOP, ENOTDIR and ESPIPE (additions a consumer may ignore);
 * device links ({@code PmDeviceLink}, its flags and states, the supplier helpers of {@code RuntimePm}).
 * 2.0.0: {@code RuntimePm.setRuntimeError} is gone (not a kernel API): the fault point
 * {@code runtime_error} sets {@code power.runtime_error} instead.
 * 2.1.0: {@code PmDevice.driverData}/{@code setDriverData} ({@code dev_get_drvdata},
 * {@code dev_set_drvdata}); a provider type, so implementers move with the minor version.
 */
@Export
@Version("2.1.0")
package org.pmlab.pm.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
