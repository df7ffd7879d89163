package org.pmlab.pm.internal;

import org.pmlab.annotation.Kernel;
import static org.pmlab.pm.internal.RpmFlags.ASYNC;
import static org.pmlab.pm.internal.RpmFlags.GET_PUT;

import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.Errno;

/**
 * The supplier side of runtime PM in drivers/base/power/runtime.c: suppliers resumed before a
 * consumer's resume callback and released after its suspend callback ({@code __rpm_callback}),
 * asked to idle once it is suspended, and held around a probe. Called without the consumer's
 * lock; each supplier is taken through the public entry points, with its own lock.
 */
@Kernel(file = "drivers/base/power/runtime.c")
final class SupplierPm {

    private static final int EACCES = Errno.EACCES.negative();

    private SupplierPm() {
    }

    private static DeviceLink[] suppliers(RpmDevice dev) {
        LinkLists l = dev.links;
        return l == null ? LinkLists.NONE : l.suppliers;
    }

    /**
     * {@code rpm_get_suppliers}: a reference on every supplier linked with DL_FLAG_PM_RUNTIME,
     * resumed synchronously. A supplier with runtime PM disabled (-EACCES) counts as resumed;
     * any other error is returned after that supplier's reference is dropped again.
     */
    @Kernel("rpm_get_suppliers")
    static int get(RpmDevice dev) {
        for (DeviceLink link : suppliers(dev)) {
            if (!link.has(DeviceLinkFlag.PM_RUNTIME)) {
                continue;
            }
            int retval = RuntimePmService.resumeEntry(link.supplier, GET_PUT);
            if (retval < 0 && retval != EACCES) {
                link.supplier.usageDecUnlessZero();
                RuntimePmService.changed(link.supplier);
                return retval;
            }
            link.rpmActive.incrementAndGet();
        }
        return 0;
    }

    /**
     * {@code pm_runtime_release_supplier}: gives back every reference the link holds above its
     * base count; stops early if the supplier's count is already 0.
     */
    @Kernel("pm_runtime_release_supplier")
    static void release(DeviceLink link) {
        RpmDevice supplier = link.supplier;
        boolean dropped = false;
        while (link.rpmActiveDecNotOne() && supplier.usage() > 0) {
            supplier.usageDecUnlessZero();
            dropped = true;
        }
        if (dropped) {
            RuntimePmService.changed(supplier);
        }
    }

    /** {@code __rpm_put_suppliers}; with {@code tryToSuspend}, each supplier is asked to idle ({@code rpm_put_suppliers}). */
    @Kernel({"__rpm_put_suppliers", "rpm_put_suppliers"})
    static void put(RpmDevice dev, boolean tryToSuspend) {
        for (DeviceLink link : suppliers(dev)) {
            release(link);
            if (tryToSuspend) {
                RuntimePmService.idleEntry(link.supplier, ASYNC);
            }
        }
    }

    /**
     * {@code rpm_suspend_suppliers}: after the consumer suspended, its suppliers may be able to.
     * Up to 6.18 every supplier is asked; from 7.0 only those linked with DL_FLAG_PM_RUNTIME,
     * as the kernel's KUnit supplier case requires.
     */
    @Kernel("rpm_suspend_suppliers")
    static void suspendSuppliers(RpmDevice dev) {
        boolean onlyRuntimeLinks = dev.ctx.idlesOnlyRuntimePmSuppliers();
        for (DeviceLink link : suppliers(dev)) {
            if (onlyRuntimeLinks && !link.has(DeviceLinkFlag.PM_RUNTIME)) {
                continue;
            }
            RuntimePmService.idleEntry(link.supplier, ASYNC);
        }
    }

    /** {@code pm_runtime_get_suppliers}: before a probe, resume and reference the runtime-PM suppliers. */
    @Kernel("pm_runtime_get_suppliers")
    static void getForProbe(RpmDevice dev) {
        for (DeviceLink link : suppliers(dev)) {
            if (link.has(DeviceLinkFlag.PM_RUNTIME)) {
                link.supplierPreactivated = true;
                RuntimePmService.resumeEntry(link.supplier, GET_PUT);
            }
        }
    }

    /** {@code pm_runtime_put_suppliers}: after a probe, drop only what {@link #getForProbe} took. */
    @Kernel("pm_runtime_put_suppliers")
    static void putAfterProbe(RpmDevice dev) {
        for (DeviceLink link : suppliers(dev)) {
            if (link.supplierPreactivated) {
                link.supplierPreactivated = false;
                RuntimePmService.idleEntry(link.supplier, GET_PUT | ASYNC);
            }
        }
    }
}
