package org.pmlab.pm.api;

/**
 * The runtime part of {@code struct dev_pm_ops}. A {@code null} member is a missing callback,
 * which the core handles as {@code __rpm_get_callback} and {@code rpm_idle} do
 * (drivers/base/power/runtime.c): no idle callback goes straight to suspend.
 */
public record DevPmOps(RpmCallback runtimeSuspend, RpmCallback runtimeResume, RpmCallback runtimeIdle) {

    /** A table with no callbacks at all (what vfio-pci v3 installed: an empty dev_pm_ops). */
    public static final DevPmOps EMPTY = new DevPmOps(null, null, null);
}
