package org.pmlab.pm.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RuntimeStatus;

/** {@code __pm_runtime_set_status}: the driver's way to tell the core what state the hardware is in. */
@Kernel(value = "__pm_runtime_set_status", file = "drivers/base/power/runtime.c")
final class StatusSetter {
    private StatusSetter() {
    }

    static int set(RpmDevice dev, RuntimeStatus status, RuntimePmService rpm) {
        if (status != RuntimeStatus.ACTIVE && status != RuntimeStatus.SUSPENDED) {
            return Errno.EINVAL.negative();
        }
        // allowed only while disabled or after an error; keep it disabled for the duration
        dev.lock();
        try {
            if (dev.runtimeError != 0 || dev.disableDepth > 0) {
                dev.disableDepth++;
            } else {
                return RuntimePmService.eagain();
            }
        } finally {
            dev.unlock();
        }

        int error = 0;
        // the suppliers may be activated upfront whatever the current status: the next
        // rpm_put_suppliers drops the links' counts back to one anyway
        if (status == RuntimeStatus.ACTIVE) {
            error = SupplierPm.get(dev);
            if (error != 0) {
                status = RuntimeStatus.SUSPENDED;
            }
        }

        RpmDevice parent = dev.parent;
        boolean notifyParent = false;
        boolean update = true;
        dev.lock();
        try {
            if (dev.status != status && parent != null) {
                if (status == RuntimeStatus.SUSPENDED) {
                    parent.childDecUnlessZero();
                    notifyParent = !parent.ignoreChildren;
                } else {
                    parent.lock(); // child before parent, as spin_lock_nested
                    try {
                        if (parent.disableDepth == 0 && !parent.ignoreChildren
                                && parent.status != RuntimeStatus.ACTIVE) {
                            RuntimePmService.warn(dev, "runtime PM trying to activate child device " + dev.name()
                                    + " but parent (" + parent.name() + ") is not active");
                            error = Errno.EBUSY.negative();
                        } else if (dev.status == RuntimeStatus.SUSPENDED) {
                            parent.childInc();
                        }
                    } finally {
                        parent.unlock();
                    }
                    if (error != 0) {
                        status = RuntimeStatus.SUSPENDED;
                        update = false; // goto out: the status stays as it was
                    }
                }
            }
            if (update) {
                RpmEngine.updateStatus(dev, status);
                if (error == 0) {
                    dev.runtimeError = 0;
                }
            }
        } finally {
            dev.unlock();
        }
        if (notifyParent) {
            // pm_request_idle(parent), also on a parent removed before this child (its struct stays)
            RuntimePmService.idleEntry(parent, RpmFlags.ASYNC);
        }
        if (status == RuntimeStatus.SUSPENDED) {
            SupplierPm.put(dev, true);
        }
        rpm.enable(dev);
        return error;
    }
}
