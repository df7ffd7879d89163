package org.pmlab.pm.internal;

/** The flags of the internal engines (include/linux/pm_runtime.h). */
final class RpmFlags {
    private RpmFlags() {
    }

    /** Queue work instead of running the transition now. */
    static final int ASYNC = 0x01;
    /** Do not wait for a transition in progress. */
    static final int NOWAIT = 0x02;
    /** Adjust the usage count first (the get/put helpers). */
    static final int GET_PUT = 0x04;
    /** Honour the autosuspend delay. */
    static final int AUTO = 0x08;
}
