package org.pmlab.pm.api;

/**
 * Every runtime PM field of one device ({@code struct dev_pm_info}) at one moment, and the
 * text each {@code power/} attribute shows for it (drivers/base/power/sysfs.c), without the
 * trailing newline.
 *
 * @param lastStatus {@code RuntimeStatus.INVALID} unless captured by a disable
 * @param timerExpiresNs 0 when no suspend timer is armed
 */
public record PmInfo(
        String device,
        String parent,
        RuntimeStatus status,
        RuntimeStatus lastStatus,
        int runtimeError,
        int usageCount,
        int childCount,
        boolean ignoreChildren,
        int disableDepth,
        boolean runtimeAuto,
        boolean noCallbacks,
        boolean irqSafe,
        boolean useAutosuspend,
        int autosuspendDelayMs,
        boolean requestPending,
        RpmRequest request,
        boolean deferredResume,
        boolean idleNotification,
        long lastBusyNs,
        long timerExpiresNs,
        boolean timerAutosuspends,
        long activeTimeNs,
        long suspendedTimeNs) {

    /** {@code pm_runtime_enabled()}. */
    public boolean enabled() {
        return disableDepth == 0;
    }

    /** {@code pm_runtime_active()}: a disabled device counts as active. */
    public boolean active() {
        return disableDepth != 0 || status == RuntimeStatus.ACTIVE;
    }

    /** {@code pm_runtime_suspended()}. */
    public boolean suspended() {
        return status == RuntimeStatus.SUSPENDED && disableDepth == 0;
    }

    /** {@code pm_runtime_status_suspended()}. */
    public boolean statusSuspended() {
        return status == RuntimeStatus.SUSPENDED;
    }

    /** {@code power/control}: "auto" or "on". */
    public String control() {
        return runtimeAuto ? "auto" : "on";
    }

    /** {@code power/runtime_status}: error before unsupported before the status word. */
    public String runtimeStatus() {
        if (runtimeError != 0) {
            return "error";
        }
        if (disableDepth != 0) {
            return "unsupported";
        }
        return status.word();
    }

    /** {@code power/runtime_enabled}. */
    public String runtimeEnabled() {
        if (disableDepth != 0 && !runtimeAuto) {
            return "disabled & forbidden";
        }
        if (disableDepth != 0) {
            return "disabled";
        }
        return runtimeAuto ? "enabled" : "forbidden";
    }

    /** {@code power/runtime_active_kids}: 0 when children are ignored. */
    public int activeKids() {
        return ignoreChildren ? 0 : childCount;
    }

    /** {@code power/runtime_active_time} in whole milliseconds. */
    public long activeTimeMs() {
        return activeTimeNs / 1_000_000L;
    }

    /** {@code power/runtime_suspended_time} in whole milliseconds. */
    public long suspendedTimeMs() {
        return suspendedTimeNs / 1_000_000L;
    }
}
