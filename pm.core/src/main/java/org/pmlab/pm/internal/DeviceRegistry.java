package org.pmlab.pm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmDevices;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.FaultPoint;

/**
 * The devices of one machine, in registration order. The index is an open-addressing table of
 * the devices themselves by name, and the order an array with a hole where a device left (filled
 * in when holes pass half): a few bytes per device instead of a linked map entry.
 */
@Kernel(file = "drivers/base/core.c")
public final class DeviceRegistry implements PmDevices {

    private final RpmContext ctx;
    private final RuntimePmService rpm;
    /** By name; linear probing, at most half full, no tombstones. Guarded by this. */
    private RpmDevice[] table = new RpmDevice[64];
    /** In registration order, {@code null} where a device was removed. Guarded by this. */
    private RpmDevice[] order = new RpmDevice[64];
    private int used;
    private int size;
    private final DeviceLinkCore links = new DeviceLinkCore();

    public DeviceRegistry(RpmContext ctx, RuntimePmService rpm) {
        this.ctx = ctx;
        this.rpm = rpm;
        ctx.faults().declare(new FaultPoint(RuntimePmService.RUNTIME_ERROR, "device",
                "power.runtime_error is set to the errno when the device's next runtime PM helper is called, "
                        + "as the kernel's KUnit error test writes it"), name -> find(name).isPresent());
    }

    @Override
    public synchronized RpmDevice add(String name, PmDevice parent, DevPmOps subsystemOps) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace) || name.contains("/")) {
            throw new IllegalArgumentException("bad device name '" + name + "': no spaces or slashes");
        }
        checkNew(name);
        RpmDevice p = parentOf(parent);
        return added(new RpmDevice(name, p, ctx, subsystemOps));
    }

    /**
     * {@link #add} for a device embedded in {@code owner}, which names it (a PCI function by its
     * address, which the PCI core has already checked): the name is not stored.
     */
    public synchronized RpmDevice add(NamedOwner owner, PmDevice parent, DevPmOps subsystemOps) {
        checkNew(owner.deviceName());
        RpmDevice p = parentOf(parent);
        return added(new RpmDevice(owner, p, ctx, subsystemOps));
    }

    private void checkNew(String name) {
        if (lookup(name) != null) {
            throw new IllegalArgumentException("a device named '" + name + "' already exists");
        }
    }

    private RpmDevice parentOf(PmDevice parent) {
        RpmDevice p = null;
        if (parent != null) {
            p = RuntimePmService.cast(parent);
            if (p.ctx != ctx || !registered(p)) {
                throw new IllegalArgumentException("parent " + parent.name() + " is not a device of this machine");
            }
        }
        return p;
    }

    private RpmDevice added(RpmDevice dev) {
        insert(dev);
        if (dev.parent != null) {
            dev.parent.registeredChildren++;
        }
        return dev;
    }

    @Override
    public void setDriverOps(PmDevice dev, DevPmOps driverOps) {
        RuntimePmService.cast(dev).driverOps = driverOps;
    }

    /**
     * {@code device_del}: runtime PM disabled without resuming, then {@code pm_runtime_reinit}.
     * Refused while the device has children (the lab's rule for devices a user added and
     * removes; see {@link #removeLeavingChildren} for the kernel's own removal).
     */
    @Kernel("device_del")
    @Override
    public void remove(PmDevice d) {
        remove(RuntimePmService.cast(d), true);
    }

    /**
     * {@code device_del} as the PCI core's removal calls it: the kernel never refuses it, so a
     * child still registered under the device (a bare device a user added under a VF that
     * {@code sriov_numvfs} then removes) stays registered with its parent gone. The parent's
     * runtime PM is disabled, so the child's resume no longer resumes it ({@code rpm_resume}
     * skips a parent with {@code disable_depth} set).
     */
    @Kernel("device_del")
    public void removeLeavingChildren(PmDevice d) {
        remove(RuntimePmService.cast(d), false);
    }

    private void remove(RpmDevice dev, boolean refuseWithChildren) {
        synchronized (this) {
            if (lookup(dev.name()) != dev) {
                throw new IllegalArgumentException("device " + dev.name() + " is not registered");
            }
            if (refuseWithChildren && dev.registeredChildren > 0) { // counted, so removing many devices is not quadratic
                for (PmDevice o : inOrder()) {
                    RpmDevice other = (RpmDevice) o;
                    if (other.parent == dev) {
                        throw new IllegalArgumentException("device " + dev.name() + " still has child " + other.name());
                    }
                }
            }
        }
        rpm.disable(dev, false);
        if (dev.status == RuntimeStatus.ACTIVE) {
            rpm.setSuspended(dev); // gives the parent its child count back
        }
        if (dev.irqSafe) {
            dev.irqSafe = false;
            if (dev.parent != null) {
                // pm_runtime_put(dev->parent), also when the parent was removed before it
                RuntimePmService.idleEntry(dev.parent, RpmFlags.GET_PUT | RpmFlags.ASYNC);
            }
        }
        links.purge(dev); // device_links_purge
        synchronized (this) {
            delete(dev);
            if (dev.parent != null) {
                dev.parent.registeredChildren--;
            }
        }
        dev.removed = true;
    }

    @Override
    public Optional<PmDeviceLink> linkAdd(PmDevice consumer, PmDevice supplier, Set<DeviceLinkFlag> flags) {
        RpmDevice c = member(consumer);
        RpmDevice s = member(supplier);
        return links.add(c, s, DeviceLinkFlag.mask(flags)).map(l -> l);
    }

    @Override
    public boolean linkDel(PmDeviceLink link) {
        if (!(link instanceof DeviceLink l) || l.consumer.ctx != ctx) {
            throw new IllegalArgumentException("not a device link of this machine: " + link);
        }
        return links.del(l);
    }

    @Override
    public boolean linkRemove(PmDevice consumer, PmDevice supplier) {
        return links.remove(member(consumer), member(supplier));
    }

    @Override
    public List<PmDeviceLink> suppliers(PmDevice dev) {
        LinkLists l = member(dev).links;
        return l == null ? List.of() : List.of(l.suppliers);
    }

    @Override
    public List<PmDeviceLink> consumers(PmDevice dev) {
        LinkLists l = member(dev).links;
        return l == null ? List.of() : List.of(l.consumers);
    }

    private RpmDevice member(PmDevice d) {
        RpmDevice dev = RuntimePmService.cast(d);
        if (dev.ctx != ctx) {
            throw new IllegalArgumentException("device " + dev.name() + " is not a device of this machine");
        }
        return dev;
    }

    @Override
    public synchronized Optional<PmDevice> find(String name) {
        return Optional.ofNullable(lookup(name));
    }

    @Override
    public synchronized RpmDevice get(String name) {
        RpmDevice d = lookup(name);
        if (d == null) {
            throw new IllegalArgumentException("no device named '" + name + "'");
        }
        return d;
    }

    /** How many devices are registered. */
    public synchronized int size() {
        return size;
    }

    @Override
    public synchronized List<PmDevice> all() {
        return inOrder();
    }

    private List<PmDevice> inOrder() {
        List<PmDevice> out = new ArrayList<>(size);
        for (int i = 0; i < used; i++) {
            if (order[i] != null) {
                out.add(order[i]);
            }
        }
        return out;
    }

    private int slot(String name) {
        return slot(name.hashCode());
    }

    private int slot(int nameHash) {
        int h = nameHash * 0x9e3779b9;
        return (h ^ h >>> 16) & (table.length - 1);
    }

    /** Whether {@code dev} is registered here now: its slot in the registration order still holds it. */
    private boolean registered(RpmDevice dev) {
        int i = dev.registrationIndex;
        return i >= 0 && i < used && order[i] == dev;
    }

    private RpmDevice lookup(String name) {
        int hash = name.hashCode();
        for (int i = slot(hash);; i = (i + 1) & (table.length - 1)) {
            RpmDevice d = table[i];
            if (d == null || d.nameHash() == hash && d.name().equals(name)) {
                return d;
            }
        }
    }

    private void insert(RpmDevice dev) {
        if ((size + 1) * 2 > table.length) {
            RpmDevice[] old = table;
            table = new RpmDevice[old.length * 2];
            for (RpmDevice d : old) {
                if (d != null) {
                    place(d);
                }
            }
        }
        place(dev);
        if (used == order.length) {
            compactOrGrow();
        }
        dev.registrationIndex = used;
        order[used++] = dev;
        size++;
    }

    private void place(RpmDevice dev) {
        int i = slot(dev.nameHash());
        while (table[i] != null) {
            i = (i + 1) & (table.length - 1);
        }
        table[i] = dev;
    }

    /** Takes the device out of both; the table's probe run is shifted back over the gap. */
    private void delete(RpmDevice dev) {
        int mask = table.length - 1;
        int i = slot(dev.nameHash());
        while (table[i] != dev) {
            i = (i + 1) & mask;
        }
        table[i] = null;
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = slot(table[j].nameHash());
            boolean reachable = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!reachable) {
                table[i] = table[j];
                table[j] = null;
                i = j;
            }
        }
        order[dev.registrationIndex] = null;
        size--;
    }

    /** Drops the holes when they are half the array, else doubles it; either keeps the order. */
    private void compactOrGrow() {
        if (size * 2 <= used) {
            int n = 0;
            for (int i = 0; i < used; i++) {
                RpmDevice d = order[i];
                if (d != null) {
                    d.registrationIndex = n;
                    order[n++] = d;
                }
            }
            Arrays.fill(order, n, used, null);
            used = n;
        } else {
            order = Arrays.copyOf(order, order.length * 2);
        }
    }
}
