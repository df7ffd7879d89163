/**
 * The vfio-pci driver as a user process meets it on one machine: device file descriptors, the
 * device ioctls that matter for power management (with {@code VFIO_DEVICE_FEATURE} and the
 * low-power features of 6.1), region access and BAR mappings, eventfds for wake-up, and the
 * module parameter {@code disable_idle_d3}. Results are kernel-style: a value ≥ 0, or a
 * negative errno. 1.1: the feature ioctl, eventfds, mappings, the wake-up state of a device.
 * 2.0: {@code VfioUser.machine()} removed (the caller already holds the machine it asked about).
 * 2.1: {@code VfioUser.setDisableIdleD3}/{@code disableIdleD3}, the machine's own module parameter.
 */
@Export
@Version("2.1.0")
package org.pmlab.vfio.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
