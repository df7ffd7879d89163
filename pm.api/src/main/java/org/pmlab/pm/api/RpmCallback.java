package org.pmlab.pm.api;

/** One runtime PM callback ({@code int (*runtime_suspend)(struct device *)} and friends). */
@FunctionalInterface
public interface RpmCallback {
    /** Returns 0 on success or a negative errno. */
    int call(PmDevice dev);
}
