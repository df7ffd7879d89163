package org.pmlab.pm.internal;

import static org.pmlab.pm.internal.RpmFlags.ASYNC;
import static org.pmlab.pm.internal.RpmFlags.AUTO;
import static org.pmlab.pm.internal.RpmFlags.GET_PUT;
import static org.pmlab.pm.internal.RpmFlags.NOWAIT;

import java.util.Map;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.ModelEvents;

/**
 * The idle, suspend and resume engines of drivers/base/power/runtime.c and the work item and
 * timer that drive them. Every method here is entered with the device's lock held, as the
 * kernel's are with {@code power.lock}; callbacks run with it dropped.
 */
@Kernel(file = "drivers/base/power/runtime.c")
final class RpmEngine {

    private static final int EINVAL = Errno.EINVAL.negative();
    private static final int EACCES = Errno.EACCES.negative();
    private static final int EAGAIN = Errno.EAGAIN.negative();
    private static final int EBUSY = Errno.EBUSY.negative();
    private static final int EINPROGRESS = Errno.EINPROGRESS.negative();
    private static final int EIO = Errno.EIO.negative();

    private RpmEngine() {
    }

    /** {@code rpm_check_suspend_allowed}: the checks in the kernel's order. */
    @Kernel("rpm_check_suspend_allowed")
    static int checkSuspendAllowed(RpmDevice dev) {
        if (dev.runtimeError != 0) {
            return EINVAL;
        }
        if (dev.disableDepth > 0) {
            return EACCES;
        }
        int usage = dev.usage();
        if (dev.ctx.guardsUnderflow() ? usage != 0 : usage > 0) {
            return EAGAIN;
        }
        if (!dev.ignoreChildren && dev.children() != 0) {
            return EBUSY;
        }
        if ((dev.deferredResume && dev.status == RuntimeStatus.SUSPENDING)
                || (dev.requestPending && dev.request == RpmRequest.RESUME)) {
            return EAGAIN;
        }
        // PM QoS resume latency constraints (-EPERM) are not modelled: every device has none.
        if (dev.status == RuntimeStatus.SUSPENDED) {
            return 1;
        }
        return 0;
    }

    /** {@code rpm_idle}. */
    @Kernel("rpm_idle")
    static int idle(RpmDevice dev, int flags) {
        Tracing.internal("rpm_idle", dev, flags);
        int retval = checkSuspendAllowed(dev);
        if (retval < 0) {
            // conditions are wrong
        } else if (retval == 1 && (flags & GET_PUT) != 0 && dev.ctx.putReturnsOneWhenSuspended()) {
            // a put is allowed to find the device suspended (v6.18)
        } else if (dev.status != RuntimeStatus.ACTIVE) {
            retval = EAGAIN;
        } else if (dev.requestPending && dev.request.compareTo(RpmRequest.IDLE) > 0) {
            retval = EAGAIN;
        } else if (dev.idleNotification) {
            retval = EINPROGRESS;
        }
        if (retval != 0) {
            return returnIdle(dev, flags, retval);
        }

        dev.request = RpmRequest.NONE;
        RpmCallback cb = dev.callback(DevPmOps::runtimeIdle);
        if (cb == null || dev.noCallbacks) {
            return returnIdle(dev, flags, 0);
        }
        if ((flags & ASYNC) != 0) {
            dev.request = RpmRequest.IDLE;
            queueWork(dev);
            Tracing.ret("rpm_idle", dev, 0);
            return 0;
        }

        dev.idleNotification = true;
        dev.transitionOwner = Thread.currentThread();
        dev.unlock();
        try {
            retval = cb.call(dev);
        } finally {
            dev.lock();
            dev.transitionOwner = null;
        }
        dev.idleNotification = false;
        dev.wakeUpWaiters();
        return returnIdle(dev, flags, retval);
    }

    private static int returnIdle(RpmDevice dev, int flags, int retval) {
        Tracing.ret("rpm_idle", dev, retval);
        return retval != 0 ? retval : suspend(dev, flags | AUTO);
    }

    /** {@code rpm_suspend}. */
    @Kernel("rpm_suspend")
    static int suspend(RpmDevice dev, int flags) {
        Tracing.internal("rpm_suspend", dev, flags);
        int retval;
        RpmDevice parent = null;
        for (;;) {
            retval = checkSuspendAllowed(dev);
            if (retval < 0) {
                return ret("rpm_suspend", dev, retval);
            }
            // synchronous suspends are not allowed while resuming
            if (dev.status == RuntimeStatus.RESUMING && (flags & ASYNC) == 0) {
                retval = EAGAIN;
            }
            if (retval != 0) {
                return ret("rpm_suspend", dev, retval);
            }

            // if the autosuspend delay has not expired yet, (re)arm the timer instead
            if ((flags & AUTO) != 0 && dev.status != RuntimeStatus.SUSPENDING) {
                long expires = autosuspendExpiration(dev);
                if (expires != 0) {
                    dev.request = RpmRequest.NONE;
                    if (!(dev.timerExpires != 0 && dev.timerExpires <= expires)) {
                        armTimer(dev, expires);
                    }
                    dev.timerAutosuspends = true;
                    return ret("rpm_suspend", dev, 0);
                }
            }

            cancelPending(dev);

            if (dev.status == RuntimeStatus.SUSPENDING) {
                if ((flags & (ASYNC | NOWAIT)) != 0) {
                    return ret("rpm_suspend", dev, EINPROGRESS);
                }
                awaitWhile(dev, () -> dev.status == RuntimeStatus.SUSPENDING);
                continue;
            }

            if (!dev.noCallbacks) {
                if ((flags & ASYNC) != 0) {
                    dev.request = (flags & AUTO) != 0 ? RpmRequest.AUTOSUSPEND : RpmRequest.SUSPEND;
                    queueWork(dev);
                    return ret("rpm_suspend", dev, 0);
                }

                updateStatus(dev, RuntimeStatus.SUSPENDING);
                retval = callback(dev, dev.callback(DevPmOps::runtimeSuspend));
                if (retval != 0) {
                    // fail:
                    updateStatus(dev, RuntimeStatus.ACTIVE);
                    dev.deferredResume = false;
                    dev.wakeUpWaiters();
                    if (retval == EAGAIN || retval == EBUSY) {
                        dev.runtimeError = 0;
                        // an autosuspend whose last_busy moved on is simply rescheduled
                        if ((flags & AUTO) != 0 && autosuspendExpiration(dev) != 0) {
                            continue;
                        }
                    } else {
                        cancelPending(dev);
                    }
                    return ret("rpm_suspend", dev, retval);
                }
            }

            // no_callback:
            updateStatus(dev, RuntimeStatus.SUSPENDED);
            deactivateTimer(dev);
            if (dev.parent != null) {
                parent = dev.parent;
                parent.childDecUnlessZero();
            }
            dev.wakeUpWaiters();

            if (dev.deferredResume) {
                dev.deferredResume = false;
                resume(dev, 0);
                return ret("rpm_suspend", dev, EAGAIN);
            }
            if (dev.irqSafe) {
                return ret("rpm_suspend", dev, 0);
            }
            // maybe the parent is now able to suspend
            if (parent != null && !parent.ignoreChildren) {
                dev.unlock();
                parent.lock();
                try {
                    idle(parent, ASYNC);
                } finally {
                    parent.unlock();
                    dev.lock();
                }
            }
            // maybe the suppliers are now able to suspend
            if (dev.linksCount() > 0) {
                dev.unlock();
                try {
                    SupplierPm.suspendSuppliers(dev);
                } finally {
                    dev.lock();
                }
            }
            return ret("rpm_suspend", dev, 0);
        }
    }

    /** {@code rpm_resume}. */
    @Kernel("rpm_resume")
    static int resume(RpmDevice dev, int flags) {
        Tracing.internal("rpm_resume", dev, flags);
        int retval = 0;
        RpmDevice parent = null;
        boolean ranTail = false; // reached the end of a real transition (kernel: past the callback)

        repeat:
        for (;;) {
            if (dev.runtimeError != 0) {
                retval = EINVAL;
            } else if (dev.disableDepth > 0) {
                retval = dev.status == RuntimeStatus.ACTIVE && dev.lastStatus() == RuntimeStatus.ACTIVE ? 1 : EACCES;
            }
            if (retval != 0) {
                break;
            }

            // other requests are cancelled; a running autosuspend timer is left alone
            dev.request = RpmRequest.NONE;
            if (!dev.timerAutosuspends) {
                deactivateTimer(dev);
            }

            if (dev.status == RuntimeStatus.ACTIVE) {
                retval = 1;
                break;
            }

            if (dev.status == RuntimeStatus.RESUMING || dev.status == RuntimeStatus.SUSPENDING) {
                if ((flags & (ASYNC | NOWAIT)) != 0) {
                    if (dev.status == RuntimeStatus.SUSPENDING) {
                        dev.deferredResume = true;
                        if ((flags & NOWAIT) != 0) {
                            retval = EINPROGRESS;
                        }
                    } else {
                        retval = EINPROGRESS;
                    }
                    break;
                }
                awaitWhile(dev, () -> dev.status == RuntimeStatus.RESUMING || dev.status == RuntimeStatus.SUSPENDING);
                continue;
            }

            // a no_callbacks device may skip waking its parent when that is safe
            if (dev.noCallbacks && parent == null && dev.parent != null) {
                RpmDevice p = dev.parent;
                boolean parentFine;
                p.lock(); // child before parent, as spin_lock_nested
                try {
                    parentFine = p.disableDepth > 0 || p.ignoreChildren || p.status == RuntimeStatus.ACTIVE;
                    if (parentFine) {
                        p.childInc();
                    }
                } finally {
                    p.unlock();
                }
                if (parentFine) {
                    retval = 1;
                    markActive(dev, null); // counted in the parent above
                    ranTail = true;
                    break;
                }
            }

            if ((flags & ASYNC) != 0) {
                dev.request = RpmRequest.RESUME;
                queueWork(dev);
                retval = 0;
                break;
            }

            if (parent == null && dev.parent != null && !dev.irqSafe) {
                // take a reference on the parent and resume it first
                parent = dev.parent;
                dev.unlock();
                try {
                    parent.usageInc();
                    parent.lock();
                    try {
                        if (parent.disableDepth == 0 && !parent.ignoreChildren) {
                            resume(parent, 0);
                            if (parent.status != RuntimeStatus.ACTIVE) {
                                retval = EBUSY;
                            }
                        }
                    } finally {
                        parent.unlock();
                    }
                } finally {
                    dev.lock();
                }
                if (retval != 0) {
                    break;
                }
                continue repeat;
            }
            if (dev.parent != null && dev.irqSafe && parent == null) {
                parent = dev.parent; // irq-safe: the parent is kept active permanently
            }

            ranTail = true;
            if (!dev.noCallbacks) {
                updateStatus(dev, RuntimeStatus.RESUMING);
                retval = callback(dev, dev.callback(DevPmOps::runtimeResume));
                if (retval != 0) {
                    // any resume error is fatal: runtime_error keeps it
                    updateStatus(dev, RuntimeStatus.SUSPENDED);
                    cancelPending(dev);
                    dev.wakeUpWaiters();
                    break;
                }
            }
            markActive(dev, parent);
            break;
        }

        if (ranTail && retval >= 0) {
            idle(dev, ASYNC); // queue an idle check after a successful resume
        }

        if (parent != null && !dev.irqSafe) {
            dev.unlock();
            try {
                RuntimePmService.idleEntry(parent, GET_PUT | ASYNC); // pm_runtime_put(parent)
            } finally {
                dev.lock();
            }
        }
        return ret("rpm_resume", dev, retval);
    }

    /** The success tail of a resume ({@code no_callback:} label). */
    private static void markActive(RpmDevice dev, RpmDevice countedParent) {
        updateStatus(dev, RuntimeStatus.ACTIVE);
        dev.lastBusy = dev.ctx.clock().nanoTime();
        if (countedParent != null) {
            countedParent.childInc();
        }
        dev.wakeUpWaiters();
    }

    /**
     * {@code rpm_callback} and {@code __rpm_callback}: runs it unlocked; its result becomes
     * runtime_error; -EACCES becomes -EIO. A device with runtime-PM suppliers resumes them
     * before its resume callback (a failure there is the result, and the callback does not
     * run), and gives their references back after a successful suspend or a failed resume.
     */
    @Kernel({"rpm_callback", "__rpm_callback"})
    private static int callback(RpmDevice dev, RpmCallback cb) {
        int retval = 0;
        boolean useLinks = dev.linksCount() > 0;
        RuntimeStatus status = dev.status;
        dev.transitionOwner = Thread.currentThread();
        dev.unlock();
        try {
            if (useLinks && status == RuntimeStatus.RESUMING) {
                retval = SupplierPm.get(dev);
                if (retval != 0) {
                    SupplierPm.put(dev, true);
                }
            }
            if (retval == 0) {
                if (cb != null) {
                    retval = cb.call(dev);
                }
                if (useLinks && ((status == RuntimeStatus.SUSPENDING && retval == 0)
                        || (status == RuntimeStatus.RESUMING && retval != 0))) {
                    SupplierPm.put(dev, false);
                }
            }
        } finally {
            dev.lock();
            dev.transitionOwner = null;
        }
        dev.runtimeError = retval;
        return retval != EACCES ? retval : EIO;
    }

    /** {@code pm_runtime_work}: runs the pending request. */
    @Kernel("pm_runtime_work")
    static void runWork(RpmDevice dev) {
        dev.lock();
        try {
            if (!dev.requestPending) {
                return;
            }
            RpmRequest req = dev.request;
            dev.request = RpmRequest.NONE;
            dev.requestPending = false;
            dev.work = null;
            switch (req) {
                case IDLE -> idle(dev, NOWAIT);
                case SUSPEND -> suspend(dev, NOWAIT);
                case AUTOSUSPEND -> suspend(dev, NOWAIT | AUTO);
                case RESUME -> resume(dev, NOWAIT);
                default -> {
                }
            }
        } finally {
            dev.unlock();
        }
    }

    /** {@code pm_suspend_timer_fn}. */
    @Kernel("pm_suspend_timer_fn")
    static void timerFired(RpmDevice dev) {
        dev.lock();
        try {
            dev.timer = null;
            long expires = dev.timerExpires;
            // hrtimers fire a little after their expiry; virtual time fires exactly on it
            if (expires > 0 && expires <= dev.ctx.clock().nanoTime()) {
                dev.timerExpires = 0;
                suspend(dev, dev.timerAutosuspends ? (ASYNC | AUTO) : ASYNC);
            }
        } finally {
            dev.unlock();
        }
    }

    /** {@code pm_runtime_autosuspend_expiration}: 0 when the delay has passed or does not apply. */
    @Kernel("pm_runtime_autosuspend_expiration")
    static long autosuspendExpiration(RpmDevice dev) {
        if (!dev.useAutosuspend) {
            return 0;
        }
        int delay = dev.autosuspendDelay;
        if (delay < 0) {
            return 0;
        }
        long expires = dev.lastBusy + delay * 1_000_000L;
        return expires > dev.ctx.clock().nanoTime() ? expires : 0;
    }

    static void queueWork(RpmDevice dev) {
        if (!dev.requestPending) {
            dev.requestPending = true;
            dev.work = dev.ctx.clock().schedule(dev.ctx.clock().nanoTime(), "pm_runtime_work", dev, RpmEngine::runWork);
        }
    }

    static void armTimer(RpmDevice dev, long expires) {
        dev.ctx.clock().cancel(dev.timer);
        dev.timerExpires = expires;
        dev.timer = dev.ctx.clock().schedule(expires, "suspend timer", dev, RpmEngine::timerFired);
    }

    /** {@code pm_runtime_deactivate_timer}. */
    @Kernel("pm_runtime_deactivate_timer")
    static void deactivateTimer(RpmDevice dev) {
        if (dev.timerExpires > 0) {
            dev.ctx.clock().cancel(dev.timer);
            dev.timer = null;
            dev.timerExpires = 0;
        }
    }

    /** {@code pm_runtime_cancel_pending}. */
    @Kernel("pm_runtime_cancel_pending")
    static void cancelPending(RpmDevice dev) {
        deactivateTimer(dev);
        dev.request = RpmRequest.NONE;
    }

    /** {@code __update_runtime_status}: accounting first, then the new status. */
    @Kernel("__update_runtime_status")
    static void updateStatus(RpmDevice dev, RuntimeStatus status) {
        dev.updateAccounting();
        Tracing.status(dev, status);
        dev.status = status;
        if (dev.ctx.events().stateWatched()) {
            dev.ctx.events().post(ModelEvents.RPM_STATUS, Map.of(ModelEvents.MACHINE, dev.ctx.machineId(),
                    ModelEvents.DEVICE, dev.name(), ModelEvents.STATUS, status.word()));
        }
    }

    /**
     * Waits on the device's wait queue while the condition holds. A thread waiting for a
     * transition it is itself running (a callback calling back into its own device
     * synchronously) would hang the kernel; the model reports it instead.
     */
    static void awaitWhile(RpmDevice dev, java.util.function.BooleanSupplier condition) {
        while (condition.getAsBoolean()) {
            if (dev.transitionOwner == Thread.currentThread()) {
                throw new IllegalStateException("deadlock: a runtime PM callback of " + dev.name()
                        + " waits for its own transition (the kernel would hang here)");
            }
            dev.sleep();
            dev.seq++; // re-acquired by the condition, not by lock(): let the fast path see it
        }
    }

    private static int ret(String fn, RpmDevice dev, int retval) {
        Tracing.ret(fn, dev, retval);
        return retval;
    }
}
