package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.annotation.Kernel;
import org.pmlab.firmware.api.PowerResourceView;

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
    private final String name;
    private final AmlMethods aml;
    private final FirmwareEvents events;

    // guarded by this; on is also read without it (it is what _STA would say)
    private int refCount;
    private volatile boolean on;
    private int onCount;
    private int offCount;
    private final Map<AcpiDevice, Integer> holders = new HashMap<>();
    private final List<org.pmlab.hw.api.Bdf> listers = new java.util.concurrent.CopyOnWriteArrayList<>();

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
    void addLister(org.pmlab.hw.api.Bdf function) {
        listers.add(function);
    }

    /** After the lock is released: tell the PCI layer whose power just came or went. */
    private void notifyIfSwitched(boolean before) {
        if (on != before) {
            for (org.pmlab.hw.api.Bdf b : listers) {
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
            holders.merge(holder, 1, Integer::sum);
        }
    }

    /**
     * Forgets one of {@code holder}'s references. A caller that holds none drops a reference
     * nobody holds, or failing that someone else's: the kernel only decrements the count.
     */
    private void release(AcpiDevice holder) {
        if (holder != null && holders.containsKey(holder)) {
            holders.computeIfPresent(holder, (d, n) -> n == 1 ? null : n - 1);
        } else if (holdersTotal() >= refCount) {
            holders.keySet().stream().min(Comparator.comparing(AcpiDevice::bdf))
                    .ifPresent(d -> holders.computeIfPresent(d, (k, n) -> n == 1 ? null : n - 1));
        }
    }

    private int holdersTotal() {
        int total = 0;
        for (int n : holders.values()) {
            total += n;
        }
        return total;
    }

    PowerResourceView view() {
        synchronized (this) {
            List<AcpiDevice> users = new ArrayList<>(holders.keySet());
            users.sort(Comparator.comparing(AcpiDevice::bdf));
            return new PowerResourceView(name, on, refCount, users.stream().map(d -> d.bdf().toString()).toList(),
                    onCount, offCount);
        }
    }
}
