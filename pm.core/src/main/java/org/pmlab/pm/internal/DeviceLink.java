package org.pmlab.pm.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.DeviceLinkState;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;

/**
 * {@code struct device_link}. The flags, the stateless reference count and the lists it sits on
 * change only under the machine's links lock; {@code rpm_active} is an atomic, as the kernel's
 * {@code refcount_t}, because runtime PM changes it without that lock.
 */
final class DeviceLink implements PmDeviceLink {

    final RpmDevice supplier;
    final RpmDevice consumer;
    volatile int flags;
    /** {@code rpm_active}: 1, plus one per supplier reference held for the consumer. */
    final AtomicInteger rpmActive = new AtomicInteger(1);
    /** {@code kref}: references handed out by device_link_add for stateless links. */
    int kref = 1;
    volatile DeviceLinkState status;
    /** Set by {@code pm_runtime_get_suppliers}, cleared by {@code pm_runtime_put_suppliers}. */
    volatile boolean supplierPreactivated;
    volatile boolean live = true;

    DeviceLink(RpmDevice supplier, RpmDevice consumer, int flags) {
        this.supplier = supplier;
        this.consumer = consumer;
        this.flags = flags;
    }

    boolean has(DeviceLinkFlag f) {
        return (flags & f.bit()) != 0;
    }

    /** {@code refcount_dec_not_one(&link->rpm_active)}. */
    boolean rpmActiveDecNotOne() {
        int v;
        do {
            v = rpmActive.get();
            if (v == 1) {
                return false;
            }
        } while (!rpmActive.compareAndSet(v, v - 1));
        return true;
    }

    @Override
    public PmDevice supplier() {
        return supplier;
    }

    @Override
    public PmDevice consumer() {
        return consumer;
    }

    @Override
    public Set<DeviceLinkFlag> flags() {
        return DeviceLinkFlag.of(flags);
    }

    @Override
    public DeviceLinkState status() {
        return status;
    }

    @Override
    public int rpmActive() {
        return rpmActive.get();
    }

    @Override
    public int refs() {
        return kref;
    }

    @Override
    public boolean live() {
        return live;
    }

    /** {@code dev_set_name(&link->link_dev, "%s:%s--%s:%s", ...)}. */
    @Override
    public String name() {
        return supplier.bus() + ":" + supplier.name() + "--" + consumer.bus() + ":" + consumer.name();
    }

    @Override
    public String toString() {
        return name();
    }
}
