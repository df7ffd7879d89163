package org.pmlab.firmware.acpi.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;

/**
 * One ACPI PowerResource shared by the devices whose {@code _PRx} lists name it
 * ({@code struct acpi_power_resource}, drivers/acpi/power.c). Its reference count decides when
 * {@code _ON} and {@code _OFF} run; its own monitor plays the kernel's {@code resource_lock}
 * (a plain mutex: nothing waits on it with a condition, a timeout or a try, so no lock object).
 *
 * <p>The kernel only counts references. The model also remembers who holds them, so a view can
 * list the users; a reference nobody holds (restored after a failed {@code _OFF}, or taken back
 * by {@code acpi_power_off_list}'s rollback) is counted but has no holder.
 */
@Kernel(file = "drivers/acpi/power.c")
final class PowerResource {
    private static final Bdf[] NO_LISTERS = {};

    private final String name;
    private final AmlMethods aml;
    private final FirmwareEvents events;

    // guarded by this; on is also read without it (it is what _STA would say)
    private int refCount;
    private volatile boolean on;
    private int onCount;
    private int offCount;
    /**
     * Who holds the references, one entry per reference (a device whose D0 and D3hot lists both
     * name this resource holds two while acpi_power_transition moves it), in no order; {@code null}
     * when nobody does. A resource is held by the few devices of one slot at most, and by nobody
     * once they are in D3cold, so an exact-sized array costs nothing then and little otherwise.
     */
    private AcpiDevice[] holders;
    /**
     * Filled only by {@link AcpiNamespace#build}, before the namespace is published through its
     * final fields, and only read after that: no copy-on-write list needed.
     */
    private Bdf[] listers = NO_LISTERS;

    /**
     * @param on physically on when the firmware hands over
     */
    PowerResource(String name, boolean on, AmlMethods aml, FirmwareEvents events) {
        this.name = name;
        this.on = on;
        this.aml = aml;
        this.events = events;
    }

    String name() {
        return name;
    }

    /** {@code _STA} bit 0: physically on. */
    boolean isOn() {
        return on;
    }

    /**
     * {@code acpi_power_on}: takes one reference; {@code _ON} runs only on 0 → 1, and a failure
     * there gives the reference back.
     *
     * @param holder the device taking it, or {@code null} for a reference nobody will own
     * @return 0, or -ENODEV when {@code _ON} failed
     */
    @Kernel("acpi_power_on")
    int get(AcpiDevice holder, String requester) {
        boolean before = on;
        int r = getLocked(holder, requester);
        notifyIfSwitched(before);
        return r;
    }

    private int getLocked(AcpiDevice holder, String requester) {
        synchronized (this) {
            if (refCount++ > 0) {
                hold(holder);
                events.resource(requester, name, "get", refCount, on, "already on");
                return 0;
            }
            onCount++;
            int injected = aml.evaluate(name, "_ON");
            if (injected != 0) {
                refCount--;
                events.resource(requester, name, "_ON", refCount, on,
                        FirmwareEvents.failure(AmlMethods.METHOD_FAILED, injected));
                return AmlMethods.METHOD_FAILED;
            }
            on = true;
            hold(holder);
            events.resource(requester, name, "_ON", refCount, on, "ok");
            return 0;
        }
    }

    /**
     * {@code acpi_power_off}: drops one reference; at 0 nothing happens (no underflow);
     * {@code _OFF} runs only on 1 → 0, and a failure there restores the count to 1 — a reference
     * that {@code holder} no longer owns.
     *
     * @return 0, or -ENODEV when {@code _OFF} failed
     */
    @Kernel("acpi_power_off")
    int put(AcpiDevice holder, String requester) {
        boolean before = on;
        int r = putLocked(holder, requester);
        notifyIfSwitched(before);
        return r;
    }

    private int putLocked(AcpiDevice holder, String requester) {
        synchronized (this) {
            if (refCount == 0) {
                events.resource(requester, name, "put", refCount, on, "already off");
                return 0;
            }
            release(holder);
            if (--refCount > 0) {
                events.resource(requester, name, "put", refCount, on, "still in use");
                return 0;
            }
            return switchOff(requester, true);
        }
    }

    /**
     * {@code acpi_turn_off_unused_power_resources}, for this resource: off if nobody references
     * it but it is on.
     */
    @Kernel("acpi_turn_off_unused_power_resources")
    void turnOffIfUnused() {
        boolean before = on;
        synchronized (this) {
            if (refCount == 0 && on) {
                switchOff(name, false);
            }
        }
        notifyIfSwitched(before);
    }

    /** The functions whose {@code _PR0} lists this resource: their main power follows it. */
    void addLister(Bdf function) {
        Bdf[] l = Arrays.copyOf(listers, listers.length + 1);
        l[listers.length] = function;
        listers = l;
    }

    /** After the lock is released: tell the PCI layer whose power just came or went. */
    private void notifyIfSwitched(boolean before) {
        if (on != before) {
            for (Bdf b : listers) {
                events.powerChanged(b);
            }
        }
    }

    /**
     * {@code __acpi_power_off}; lock held, count 0. When {@code restore}, a failure gives the
     * count back its last reference ({@code acpi_power_off_unlocked}), which then has no holder.
     */
    @Kernel("__acpi_power_off")
    private int switchOff(String requester, boolean restore) {
        offCount++;
        int injected = aml.evaluate(name, "_OFF");
        if (injected != 0) {
            if (restore) {
                refCount++;
            }
            events.resource(requester, name, "_OFF", refCount, on,
                    FirmwareEvents.failure(AmlMethods.METHOD_FAILED, injected));
            return AmlMethods.METHOD_FAILED;
        }
        on = false;
        events.resource(requester, name, "_OFF", refCount, on, "ok");
        return 0;
    }

    private void hold(AcpiDevice holder) {
        if (holder != null) {
            AcpiDevice[] h = holders == null ? new AcpiDevice[1] : Arrays.copyOf(holders, holders.length + 1);
            h[h.length - 1] = holder;
            holders = h;
        }
    }

    /**
     * Forgets one of {@code holder}'s references. A caller that holds none drops a reference
     * nobody holds, or failing that someone else's: the kernel only decrements the count.
     */
    private void release(AcpiDevice holder) {
        if (holders == null) {
            return;
        }
        int at = holder == null ? -1 : indexOf(holder);
        if (at < 0 && holders.length >= refCount) {
            // the lowest address among the holders gives one up
            at = 0;
            for (int i = 1; i < holders.length; i++) {
                if (holders[i].bdf().compareTo(holders[at].bdf()) < 0) {
                    at = i;
                }
            }
        }
        if (at >= 0) {
            drop(at);
        }
    }

    private int indexOf(AcpiDevice holder) {
        for (int i = 0; i < holders.length; i++) {
            if (holders[i] == holder) {
                return i;
            }
        }
        return -1;
    }

    private void drop(int at) {
        if (holders.length == 1) {
            holders = null;
            return;
        }
        AcpiDevice[] h = new AcpiDevice[holders.length - 1];
        System.arraycopy(holders, 0, h, 0, at);
        System.arraycopy(holders, at + 1, h, at, h.length - at);
        holders = h;
    }

    PowerResourceView view() {
        synchronized (this) {
            List<String> users = holders == null ? List.of()
                    : Arrays.stream(holders).distinct().sorted(Comparator.comparing(AcpiDevice::bdf))
                            .map(d -> d.bdf().toString()).toList();
            return new PowerResourceView(name, on, refCount, users, onCount, offCount);
        }
    }
}
