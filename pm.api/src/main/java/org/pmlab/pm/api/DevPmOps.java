package org.pmlab.pm.api;

/**
 * The runtime part of {@code struct dev_pm_ops}. A {@code null} member is a missing callback,
 * which the core treats as described in runtime-pm-core.md §2.
 */
public record DevPmOps(RpmCallback runtimeSuspend, RpmCallback runtimeResume, RpmCallback runtimeIdle) {

    /** A table with no callbacks at all (what vfio-pci v3 installed: an empty dev_pm_ops). */
    public static final DevPmOps EMPTY = new DevPmOps(null, null, null);
}
