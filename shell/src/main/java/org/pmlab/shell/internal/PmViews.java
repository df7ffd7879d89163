package org.pmlab.shell.internal;

import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;

/** What {@code pm:list} and {@code pm:info} return: a device's runtime PM state as sysfs and struct dev_pm_info hold it. */
final class PmViews {
    private PmViews() {
    }

    /** One line of {@code pm:list}: the power/ attributes. */
    record Row(String device, String status, String control, int usage, int kids, String enabled, long activeMs,
            long suspendedMs) {
        static Row of(PmInfo i) {
            return new Row(i.device(), i.runtimeStatus(), i.control(), i.usageCount(), i.activeKids(), i.runtimeEnabled(),
                    i.activeTimeMs(), i.suspendedTimeMs());
        }
    }

    /** {@code pm:info}: every field of the device's dev_pm_info, by the kernel's names. */
    record Info(String device, String parent, String runtimeStatus, String status, String control,
            String runtimeEnabled, int runtimeUsage, int runtimeActiveKids, int childCount, boolean ignoreChildren,
            int disableDepth, String runtimeError, String lastStatus, boolean noCallbacks, boolean irqSafe,
            boolean useAutosuspend, int autosuspendDelayMs, boolean requestPending, String request,
            boolean deferredResume, boolean idleNotification, String lastBusy, String timerExpires,
            String runtimeActiveTime, String runtimeSuspendedTime, String suppliers, String consumers) {
        /** @param suppliers the device links to its suppliers, as one line ("-" for none); consumers likewise */
        static Info of(PmInfo i, String suppliers, String consumers) {
            return new Info(i.device(), i.parent(), i.runtimeStatus(), i.status().word(), i.control(),
                    i.runtimeEnabled(), i.usageCount(), i.activeKids(), i.childCount(), i.ignoreChildren(),
                    i.disableDepth(), Errno.describe(i.runtimeError()), i.lastStatus().word(), i.noCallbacks(),
                    i.irqSafe(), i.useAutosuspend(), i.autosuspendDelayMs(), i.requestPending(), i.request().name(),
                    i.deferredResume(), i.idleNotification(), DurationText.seconds(i.lastBusyNs()),
                    i.timerExpiresNs() == 0 ? null : DurationText.seconds(i.timerExpiresNs())
                            + (i.timerAutosuspends() ? " (autosuspend)" : ""),
                    i.activeTimeMs() + " ms", i.suspendedTimeMs() + " ms", suppliers, consumers);
        }
    }
}
