package org.pmlab.pm.internal;

import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sim.internal.FaultRegistry;
import org.pmlab.sim.internal.TraceBuffer;
import org.pmlab.sim.internal.VirtualClock;

/** What the runtime PM core of one machine shares: its clock and pm_wq, version, log, trace, events and faults. */
public record RpmContext(long machineId, VirtualClock clock, KernelVersion kernel, TraceBuffer trace, KernelLog log,
        EventSink events, FaultRegistry faults) {

    /** 82586a721595 (v5.19): puts cannot drive the usage count below zero; a non-zero count blocks suspend. */
    boolean guardsUnderflow() {
        return kernel.atLeast(KernelVersion.V5_19);
    }

    /** d0b8651a0261 (v6.18): a put that finds the device suspended returns 1. */
    boolean putReturnsOneWhenSuspended() {
        return kernel.atLeast(KernelVersion.V6_18);
    }

    /**
     * b3db492e8335 (v6.17; 6.18 is the first modelled version with it): the autosuspend helpers
     * call pm_runtime_mark_last_busy themselves.
     */
    boolean autosuspendHelpersMarkBusy() {
        return kernel.atLeast(KernelVersion.V6_18);
    }

    /**
     * 7.0: rpm_suspend_suppliers asks only DL_FLAG_PM_RUNTIME suppliers to idle. No commit in
     * our sources; the kernel's KUnit supplier case (pm_runtime_supplier_suspend_test) fails
     * otherwise, so the newest step follows it.
     */
    boolean idlesOnlyRuntimePmSuppliers() {
        return kernel.atLeast(KernelVersion.V7_0);
    }
}
