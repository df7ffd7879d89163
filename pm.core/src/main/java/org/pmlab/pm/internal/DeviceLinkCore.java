package org.pmlab.pm.internal;

import org.pmlab.annotation.Kernel;
import static org.pmlab.pm.api.DeviceLinkFlag.AUTOPROBE_CONSUMER;
import static org.pmlab.pm.api.DeviceLinkFlag.AUTOREMOVE_CONSUMER;
import static org.pmlab.pm.api.DeviceLinkFlag.AUTOREMOVE_SUPPLIER;
import static org.pmlab.pm.api.DeviceLinkFlag.CYCLE;
import static org.pmlab.pm.api.DeviceLinkFlag.INFERRED;
import static org.pmlab.pm.api.DeviceLinkFlag.MANAGED;
import static org.pmlab.pm.api.DeviceLinkFlag.PM_RUNTIME;
import static org.pmlab.pm.api.DeviceLinkFlag.RPM_ACTIVE;
import static org.pmlab.pm.api.DeviceLinkFlag.STATELESS;
import static org.pmlab.pm.api.DeviceLinkFlag.SYNC_STATE_ONLY;
import static org.pmlab.pm.internal.RpmFlags.ASYNC;
import static org.pmlab.pm.internal.RpmFlags.GET_PUT;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.pmlab.pm.api.DeviceLinkState;

/**
 * Device links of one machine (drivers/base/core.c): {@code device_link_add},
 * {@code device_link_del}, {@code device_link_remove} and the purge on {@code device_del}, with
 * their runtime PM side ({@code pm_runtime_new_link}, {@code pm_runtime_drop_link}). One lock
 * ({@code device_links_write_lock}) serialises changes; runtime PM reads the lists without it.
 *
 * <p>No device in the model tracks driver presence for links ({@code dev->links.status} is
 * always {@code DL_DEV_NO_DRIVER}): managed links start and stay {@code dormant}, and the
 * driver-core hooks that move them on (probe deferral, autoremove at unbind) never fire.
 */
@Kernel(file = "drivers/base/core.c")
final class DeviceLinkCore {

    static final int MANAGED_LINK_FLAGS = AUTOREMOVE_CONSUMER.bit() | AUTOREMOVE_SUPPLIER.bit()
            | AUTOPROBE_CONSUMER.bit() | SYNC_STATE_ONLY.bit() | INFERRED.bit() | CYCLE.bit();
    static final int ADD_VALID_FLAGS = MANAGED_LINK_FLAGS | STATELESS.bit() | PM_RUNTIME.bit() | RPM_ACTIVE.bit();

    private final Object writeLock = new Object();

    /** Why device_link_add would return NULL for these arguments, or null if it would not (argument checks only). */
    static String refusal(RpmDevice consumer, RpmDevice supplier, int flags) {
        if (consumer == supplier) {
            return "a device cannot be linked to itself";
        }
        if ((flags & ~ADD_VALID_FLAGS) != 0) {
            return "DL_FLAG_MANAGED is set by the core, not by the caller";
        }
        if ((flags & STATELESS.bit()) != 0 && (flags & MANAGED_LINK_FLAGS) != 0) {
            return "DL_FLAG_STATELESS cannot be combined with autoremove, autoprobe, sync-state-only, inferred or cycle";
        }
        if ((flags & AUTOPROBE_CONSUMER.bit()) != 0
                && (flags & (AUTOREMOVE_CONSUMER.bit() | AUTOREMOVE_SUPPLIER.bit())) != 0) {
            return "DL_FLAG_AUTOPROBE_CONSUMER cannot be combined with an autoremove flag";
        }
        // device_link_flag_is_sync_state_only: beside it only DL_FLAG_INFERRED and DL_FLAG_CYCLE
        if ((flags & SYNC_STATE_ONLY.bit()) != 0
                && (flags & ~(SYNC_STATE_ONLY.bit() | INFERRED.bit() | CYCLE.bit())) != 0) {
            return "DL_FLAG_SYNC_STATE_ONLY allows only DL_FLAG_INFERRED and DL_FLAG_CYCLE beside it";
        }
        return null;
    }

    /**
     * {@code device_link_add}. Where the kernel returns NULL for the arguments (a bad flag
     * combination, a device linked to itself, a link that would close a dependency cycle) this
     * is an IllegalArgumentException naming the reason; an empty result is the NULL for a
     * supplier that could not be resumed for DL_FLAG_RPM_ACTIVE.
     */
@Kernel("device_link_add")
    Optional<DeviceLink> add(RpmDevice consumer, RpmDevice supplier, int flags) {
        String why = refusal(consumer, supplier, flags);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        boolean rpmActive = (flags & PM_RUNTIME.bit()) != 0 && (flags & RPM_ACTIVE.bit()) != 0;
        if (rpmActive) {
            if (RuntimePmService.resumeEntry(supplier, GET_PUT) < 0) {
                supplier.usageDecUnlessZero();
                RuntimePmService.changed(supplier);
                return Optional.empty();
            }
        }
        if ((flags & STATELESS.bit()) == 0) {
            flags |= MANAGED.bit();
        }
        DeviceLink link;
        synchronized (writeLock) {
            link = addLocked(consumer, supplier, flags);
        }
        if (rpmActive && link == null) {
            RuntimePmService.idleEntry(supplier, GET_PUT | ASYNC); // pm_runtime_put(supplier)
        }
        if (link == null) {
            throw new IllegalArgumentException(supplier.name() + " depends on " + consumer.name()
                    + " already: the link would close a dependency cycle");
        }
        return Optional.of(link);
    }

    private DeviceLink addLocked(RpmDevice consumer, RpmDevice supplier, int flags) {
        if ((flags & SYNC_STATE_ONLY.bit()) == 0 && isDependent(consumer, supplier)) {
            return null;
        }
        // a supplier-unbind link lives longer than a consumer-unbind one: keep the longer
        if ((flags & AUTOREMOVE_SUPPLIER.bit()) != 0) {
            flags &= ~AUTOREMOVE_CONSUMER.bit();
        }
        for (DeviceLink link : lists(supplier).consumers) {
            if (link.consumer == consumer) {
                return updateExisting(link, flags);
            }
        }
        DeviceLink link = new DeviceLink(supplier, consumer, flags);
        if ((flags & PM_RUNTIME.bit()) != 0) {
            if ((flags & RPM_ACTIVE.bit()) != 0) {
                link.rpmActive.incrementAndGet();
            }
            newRuntimeLink(consumer);
        }
        link.status = (flags & STATELESS.bit()) != 0 ? DeviceLinkState.NONE : initialStatus();
        LinkLists s = lists(supplier);
        s.consumers = LinkLists.with(s.consumers, link);
        LinkLists c = lists(consumer);
        c.suppliers = LinkLists.with(c.suppliers, link);
        RuntimePmService.changed(consumer);
        RuntimePmService.changed(supplier);
        return link;
    }

    /** The existing-link branch of device_link_add: the link takes on the new flags' needs. */
    private static DeviceLink updateExisting(DeviceLink link, int flags) {
        int lf = link.flags;
        if ((lf & INFERRED.bit()) != 0 && (flags & INFERRED.bit()) == 0) {
            lf &= ~INFERRED.bit();
        }
        if ((flags & PM_RUNTIME.bit()) != 0) {
            if ((lf & PM_RUNTIME.bit()) == 0) {
                newRuntimeLink(link.consumer);
                lf |= PM_RUNTIME.bit();
            }
            if ((flags & RPM_ACTIVE.bit()) != 0) {
                link.rpmActive.incrementAndGet();
            }
        }
        if ((flags & STATELESS.bit()) != 0) {
            link.kref++;
            lf |= STATELESS.bit();
            link.flags = lf;
            return link;
        }
        if ((flags & AUTOREMOVE_SUPPLIER.bit()) != 0) {
            if ((lf & AUTOREMOVE_CONSUMER.bit()) != 0) {
                lf = (lf & ~AUTOREMOVE_CONSUMER.bit()) | AUTOREMOVE_SUPPLIER.bit();
            }
        } else if ((flags & AUTOREMOVE_CONSUMER.bit()) == 0) {
            lf &= ~(AUTOREMOVE_CONSUMER.bit() | AUTOREMOVE_SUPPLIER.bit());
        }
        if ((lf & MANAGED.bit()) == 0) {
            link.kref++;
            lf |= MANAGED.bit();
            link.status = initialStatus();
        }
        if ((lf & SYNC_STATE_ONLY.bit()) != 0 && (flags & SYNC_STATE_ONLY.bit()) == 0) {
            lf &= ~SYNC_STATE_ONLY.bit();
        }
        link.flags = lf;
        return link;
    }

    /** {@code device_link_init_status} with neither device bound to a driver. */
    @Kernel("device_link_init_status")
    private static DeviceLinkState initialStatus() {
        return DeviceLinkState.DORMANT;
    }

    /** {@code pm_runtime_new_link}. */
    @Kernel(value = "pm_runtime_new_link", file = "drivers/base/power/runtime.c")
    private static void newRuntimeLink(RpmDevice consumer) {
        consumer.lock();
        try {
            lists(consumer).linksCount++;
        } finally {
            consumer.unlock();
        }
    }

    /**
     * {@code device_is_dependent(consumer, supplier)}: the supplier is the consumer, below it,
     * or (through links) one of its consumers, transitively. Walked from the supplier upwards:
     * its ancestors and the suppliers of each, so the cost is what is reachable from it.
     */
    @Kernel("device_is_dependent")
    static boolean isDependent(RpmDevice consumer, RpmDevice supplier) {
        Deque<RpmDevice> todo = new ArrayDeque<>();
        Set<RpmDevice> seen = new HashSet<>();
        todo.add(supplier);
        while (!todo.isEmpty()) {
            RpmDevice d = todo.poll();
            if (d == consumer) {
                return true;
            }
            if (!seen.add(d)) {
                continue;
            }
            if (d.parent != null) {
                todo.add(d.parent);
            }
            LinkLists l = d.links;
            if (l != null) {
                for (DeviceLink link : l.suppliers) {
                    if (!isSyncStateOnly(link.flags)) {
                        todo.add(link.supplier);
                    }
                }
            }
        }
        return false;
    }

    /** {@code device_link_flag_is_sync_state_only}. */
    @Kernel("device_link_flag_is_sync_state_only")
    private static boolean isSyncStateOnly(int flags) {
        return (flags & ~(INFERRED.bit() | CYCLE.bit())) == (SYNC_STATE_ONLY.bit() | MANAGED.bit());
    }

    /**
     * {@code device_link_del}: drops one reference of a stateless link, deleting it with the
     * last. A managed link of a registered consumer cannot be dropped this way (the kernel
     * warns "Unable to drop a managed device link reference"); returns false then.
     */
@Kernel("device_link_del")
    boolean del(DeviceLink link) {
        synchronized (writeLock) {
            if (!link.live) {
                throw new IllegalArgumentException("the link " + link.name() + " has already been deleted");
            }
            return putRef(link);
        }
    }

    /** {@code device_link_remove}: {@link #del} for the link between the two, if there is one. */
@Kernel("device_link_remove")
    boolean remove(RpmDevice consumer, RpmDevice supplier) {
        if (consumer == supplier) {
            throw new IllegalArgumentException("a device cannot be linked to itself");
        }
        synchronized (writeLock) {
            LinkLists s = supplier.links;
            if (s != null) {
                for (DeviceLink link : s.consumers) {
                    if (link.consumer == consumer) {
                        return putRef(link);
                    }
                }
            }
            return false;
        }
    }

    /** {@code device_link_put_kref}. */
    @Kernel("device_link_put_kref")
    private boolean putRef(DeviceLink link) {
        if (link.has(STATELESS)) {
            if (--link.kref == 0) {
                delete(link);
            }
            return true;
        }
        if (link.consumer.removed) {
            delete(link);
            return true;
        }
        RuntimePmService.warn(link.consumer, "Unable to drop a managed device link reference");
        return false;
    }

    /** {@code device_links_purge}: on {@code device_del}, every link of the device goes. */
@Kernel("device_links_purge")
    void purge(RpmDevice dev) {
        synchronized (writeLock) {
            LinkLists l = dev.links;
            if (l == null) {
                return;
            }
            DeviceLink[] sup = l.suppliers;
            for (int i = sup.length - 1; i >= 0; i--) {
                delete(sup[i]);
            }
            DeviceLink[] con = l.consumers;
            for (int i = con.length - 1; i >= 0; i--) {
                delete(con[i]);
            }
        }
    }

    /**
     * {@code __device_link_del}: {@code pm_runtime_drop_link} (the consumer's links_count, the
     * supplier's references, an idle request for it), then off both lists. The kernel releases
     * the supplier once more, and drops a probe's preactivation reference, when the link device
     * is finally released ({@code device_link_release_fn}); that happens here at once.
     */
    @Kernel({"__device_link_del", "device_link_release_fn"})
    private void delete(DeviceLink link) {
        if (link.has(PM_RUNTIME)) {
            RpmDevice c = link.consumer;
            c.lock();
            try {
                if (c.links.linksCount > 0) {
                    c.links.linksCount--;
                }
            } finally {
                c.unlock();
            }
            SupplierPm.release(link);
            RuntimePmService.idleEntry(link.supplier, ASYNC);
        }
        LinkLists s = link.supplier.links;
        s.consumers = LinkLists.without(s.consumers, link);
        LinkLists c = link.consumer.links;
        c.suppliers = LinkLists.without(c.suppliers, link);
        link.live = false;
        // device_link_release_fn
        SupplierPm.release(link);
        if (link.supplierPreactivated) {
            link.supplier.usageDecUnlessZero();
        }
        if (!link.supplier.removed) {
            RuntimePmService.idleEntry(link.supplier, ASYNC);
        }
        RuntimePmService.changed(link.consumer);
        RuntimePmService.changed(link.supplier);
    }

    private static LinkLists lists(RpmDevice dev) {
        LinkLists l = dev.links;
        if (l == null) {
            l = new LinkLists();
            dev.links = l;
        }
        return l;
    }
}
