package org.pmlab.pm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.internal.ChangeNotice;
import org.pmlab.sim.internal.EmbeddedMutex;
import org.pmlab.sim.internal.VirtualClock.ScheduledWork;

/**
 * A device and its {@code struct dev_pm_info}. Fields other than the two counters are guarded
 * by {@link #lock()} ({@code power.lock}, built in: {@link EmbeddedMutex}); those read by the lock-free fast path of a get on an
 * active device are volatile, and every holder of the lock bumps {@link #seq} so that path can
 * tell it raced with a writer (a seqlock on top of the mutex).
 */
@Kernel(file = "drivers/base/power/runtime.c")
public final class RpmDevice extends EmbeddedMutex implements PmDevice {
    private static final long serialVersionUID = 1L;

    private static final RuntimeStatus[] STATUSES = RuntimeStatus.values();
    private static final VarHandle USAGE;
    private static final VarHandle CHILDREN;
    private static final VarHandle CHANGE_COVERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            USAGE = l.findVarHandle(RpmDevice.class, "usageCount", int.class);
            CHILDREN = l.findVarHandle(RpmDevice.class, "childCount", int.class);
            CHANGE_COVERED = l.findVarHandle(RpmDevice.class, "changeCovered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The name given at registration, or null when the owner names the device ({@link NamedOwner}): read {@link #name()}. */
    final String name;
    final RpmDevice parent;
    final RpmContext ctx;
    /** The seqlock's count; an int, as a reader would have to be overtaken by 2^32 writers to be fooled. */
    volatile int seq;

    private volatile int usageCount;
    private volatile int childCount;

    volatile RuntimeStatus status = RuntimeStatus.SUSPENDED;
    /** {@code last_status}, as the ordinal of its {@link RuntimeStatus}: a byte where a reference took four. */
    private byte lastStatus = (byte) RuntimeStatus.INVALID.ordinal();
    volatile int runtimeError;
    volatile int disableDepth = 1;
    volatile boolean ignoreChildren;
    boolean runtimeAuto = true;
    boolean requestPending;
    volatile RpmRequest request = RpmRequest.NONE;
    boolean idleNotification;
    boolean deferredResume;
    boolean noCallbacks;
    boolean irqSafe;
    boolean useAutosuspend;
    int autosuspendDelay;
    volatile long lastBusy;
    volatile long timerExpires;
    volatile boolean timerAutosuspends;
    long accountingTimestamp;
    long activeTime;
    long suspendedTime;
    boolean needsForceResume;
    boolean removed;
    /** Registered devices whose parent this is; guarded by the registry. */
    int registeredChildren;
    /** Where the registry keeps it in registration order; guarded by the registry. */
    int registrationIndex;

    /** The thread running this device's callback now, to turn a self-wait into an error instead of a hang. */
    Thread transitionOwner;
    ScheduledWork work;
    ScheduledWork timer;

    volatile DevPmOps subsystemOps;
    volatile DevPmOps driverOps;
    /** {@code dev->links} and {@code power.links_count}; null until the device's first link. */
    volatile LinkLists links;
    /** The coalesced {@code RPM_CHANGED} event, made on the first change anybody watches. */
    private volatile ChangeNotice changeNotice;
    /**
     * A change needs no notice of its own: {@link #changeNotice} waits for delivery and will tell
     * of it, or the machine's events go nowhere at all. Kept here rather than in the notice so that
     * the check on every change ({@link RuntimePmService#changed}) reads this object only.
     */
    volatile boolean changeCovered;
    /** {@code driver_data}: the bound driver's state for the device. */
    private volatile Object driverData;
    /** The structure this device is embedded in (a PCI function's {@code struct pci_dev}): {@code container_of}. */
    private volatile Object owner;

    RpmDevice(String name, RpmDevice parent, RpmContext ctx, DevPmOps subsystemOps) {
        this(name, null, parent, ctx, subsystemOps);
    }

    /** A device named by what embeds it: the name is made when asked, not stored. */
    RpmDevice(NamedOwner owner, RpmDevice parent, RpmContext ctx, DevPmOps subsystemOps) {
        this(null, owner, parent, ctx, subsystemOps);
    }

    private RpmDevice(String name, NamedOwner owner, RpmDevice parent, RpmContext ctx, DevPmOps subsystemOps) {
        this.name = name;
        this.owner = owner;
        this.parent = parent;
        this.ctx = ctx;
        this.subsystemOps = subsystemOps;
        this.accountingTimestamp = ctx.clock().nanoTime();
        this.changeCovered = !ctx.events().watchable();
    }

    /** The name's {@link String#hashCode()}, for the registry's table: an owner computes it without making the name. */
    int nameHash() {
        String n = name;
        return n != null ? n.hashCode() : ((NamedOwner) owner).deviceNameHash();
    }

    RuntimeStatus lastStatus() {
        return STATUSES[lastStatus];
    }

    void setLastStatus(RuntimeStatus s) {
        lastStatus = (byte) s.ordinal();
    }

    /**
     * {@code dev_name}. A PCI function's is its address, which its {@code pci_dev} already holds
     * packed: made here on each ask rather than kept as a second copy per device.
     */
    @Override
    public String name() {
        String n = name;
        return n != null ? n : ((NamedOwner) owner).deviceName();
    }

    @Override
    public Optional<PmDevice> parent() {
        return Optional.ofNullable(parent);
    }

    public RpmContext context() {
        return ctx;
    }

    /**
     * Sets what embeds this device, so one callback table and one log prefix serve every device
     * of a bus: they find their device's owner here, as the kernel's {@code to_pci_dev} does.
     */
    public void setOwner(Object owner) {
        if (name == null && owner != this.owner) {
            throw new IllegalStateException("device " + name() + " is named by its owner, which cannot change");
        }
        this.owner = owner;
    }

    public Object owner() {
        return owner;
    }

    @Override
    public Object driverData() {
        return driverData;
    }

    @Override
    public void setDriverData(Object data) {
        this.driverData = data;
    }

    /** {@code power.links_count}: links to suppliers that runtime PM follows. */
    int linksCount() {
        LinkLists l = links;
        return l == null ? 0 : l.linksCount;
    }

    /**
     * {@code dev_bus_name()}, as device link names show it ({@code pci:0000:03:00.0}): the
     * owner's bus, or none for a bare device. Asked of the owner, not kept per device.
     */
    String bus() {
        return name == null ? ((NamedOwner) owner).busName() : "";
    }

    /** How the kernel prefixes this device's messages ({@code dev_printk}: "pcieport 0000:00:01.0"). */
    String logPrefix() {
        return name == null ? ((NamedOwner) owner).logPrefix() : name;
    }

    void lock() {
        mutexLock();
        seq++;
    }

    void unlock() {
        mutexUnlock();
    }

    boolean isLocked() {
        return mutexLocked();
    }

    /** {@code wake_up_all(&power.wait_queue)}; called with the lock held. */
    void wakeUpWaiters() {
        wakeUpAll();
    }

    /** {@code wait_event} on {@code power.wait_queue}; called with the lock held, which it drops while asleep. */
    void sleep() {
        sleepOnWaitQueue();
    }

    // usage_count and child_count are atomics in the kernel too

    int usage() {
        return usageCount;
    }

    void usageInc() {
        USAGE.getAndAdd(this, 1);
    }

    int usageDecReturn() {
        return (int) USAGE.getAndAdd(this, -1) - 1;
    }

    /** {@code atomic_add_unless(&usage_count, -1, 0)}; returns whether it decremented. */
    boolean usageDecUnlessZero() {
        int v;
        do {
            v = usageCount;
            if (v == 0) {
                return false;
            }
        } while (!USAGE.compareAndSet(this, v, v - 1));
        return true;
    }

    /** {@code atomic_inc_not_zero}. */
    boolean usageIncNotZero() {
        int v;
        do {
            v = usageCount;
            if (v == 0) {
                return false;
            }
        } while (!USAGE.compareAndSet(this, v, v + 1));
        return true;
    }

    int children() {
        return childCount;
    }

    void childInc() {
        CHILDREN.getAndAdd(this, 1);
    }

    void childDecUnlessZero() {
        int v;
        do {
            v = childCount;
            if (v == 0) {
                return;
            }
        } while (!CHILDREN.compareAndSet(this, v, v - 1));
    }

    /** {@code __rpm_get_callback}: the subsystem's table first, the driver's as a fallback. */
    @Kernel("__rpm_get_callback")
    RpmCallback callback(Function<DevPmOps, RpmCallback> member) {
        DevPmOps sub = subsystemOps;
        RpmCallback cb = sub == null ? null : member.apply(sub);
        if (cb == null) {
            DevPmOps drv = driverOps;
            if (drv != null) {
                cb = member.apply(drv);
            }
        }
        return cb;
    }

    /** {@code update_pm_runtime_accounting}; called with the lock held. */
    @Kernel("update_pm_runtime_accounting")
    void updateAccounting() {
        if (disableDepth > 0) {
            return;
        }
        long last = accountingTimestamp;
        long now = ctx.clock().nanoTime();
        accountingTimestamp = now;
        if (now < last) {
            return;
        }
        long delta = now - last;
        if (status == RuntimeStatus.SUSPENDED) {
            suspendedTime += delta;
        } else {
            activeTime += delta;
        }
    }

    ChangeNotice changeNotice() {
        ChangeNotice n = changeNotice;
        if (n == null) { // a race makes two; the loser's event is merely one more
            n = new Notice();
            changeNotice = n;
        }
        return n;
    }

    /** This device's {@code RPM_CHANGED} notice; its queued flag is the device's {@link #changeCovered}. */
    private final class Notice extends ChangeNotice {
        Notice() {
            super(ModelEvents.RPM_CHANGED, Map.of(ModelEvents.MACHINE, ctx.machineId(), ModelEvents.DEVICE, name()));
        }

        @Override
        public boolean tryQueue() {
            return CHANGE_COVERED.compareAndSet(RpmDevice.this, false, true);
        }

        @Override
        public void dequeue() {
            changeCovered = false;
        }
    }

    /**
     * Read as sysfs reads {@code power/}: {@code rtpm_status_show}, {@code runtime_usage_show}
     * and the other shows take no lock, and only {@code rpm_get_accounted_time} takes
     * {@code power.lock} to account up to now. Here the whole snapshot is first read without the
     * lock and validated like a seqlock, with the accounting computed rather than stored, which
     * gives the values the locked read would; a reader that raced a holder of the lock takes it.
     * So watching a device (the sysfs mirror after every change) never pushes a get off its
     * lock-free fast path.
     */
    @Override
    @Kernel("rpm_get_accounted_time")
    public PmInfo info() {
        for (int attempt = 0; attempt < 2; attempt++) {
            PmInfo seen = readWithoutLock();
            if (seen != null) {
                return seen;
            }
        }
        lock();
        try {
            updateAccounting();
            return snapshot(activeTime, suspendedTime);
        } finally {
            unlock();
        }
    }

    /** The snapshot read under the seqlock, or null when a holder of the lock got in the way. */
    private PmInfo readWithoutLock() {
        int s = seq;
        if (isLocked()) {
            return null;
        }
        long active = activeTime;
        long suspended = suspendedTime;
        if (disableDepth == 0) { // what updateAccounting would add, without storing it
            long last = accountingTimestamp;
            long now = ctx.clock().nanoTime();
            if (now > last) {
                if (status == RuntimeStatus.SUSPENDED) {
                    suspended += now - last;
                } else {
                    active += now - last;
                }
            }
        }
        PmInfo seen = snapshot(active, suspended);
        VarHandle.acquireFence(); // the plain reads above are done before seq is checked again
        return !isLocked() && seq == s ? seen : null;
    }

    private PmInfo snapshot(long active, long suspended) {
        return new PmInfo(name(), parent == null ? null : parent.name(), status, lastStatus(), runtimeError,
                usageCount, childCount, ignoreChildren, disableDepth, runtimeAuto, noCallbacks, irqSafe,
                useAutosuspend, autosuspendDelay, requestPending, request, deferredResume, idleNotification,
                lastBusy, timerExpires, timerAutosuspends, active, suspended);
    }

    @Override
    public String toString() {
        return name();
    }
}
