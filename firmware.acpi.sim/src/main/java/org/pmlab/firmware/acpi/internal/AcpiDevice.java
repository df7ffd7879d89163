package org.pmlab.firmware.acpi.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;

/**
 * The ACPI companion of one PCI function ({@code struct acpi_device}): its power flags as
 * {@code acpi_bus_get_power_flags} (scan.c, v5.x+) derives them, its recorded power state, and its
 * wake-up counts. The logic that changes it lives in {@link DevicePowerControl} and
 * {@link WakeupControl}; they hold the companion's own monitor ({@code synchronized (dev)}) while
 * they do. A monitor is all that needs: it is taken reentrantly ({@code acpi_device_update_power}
 * runs {@code acpi_bus_init_power} with it held) and never waited on with a condition, a timeout
 * or a try, and unlike a lock object it costs a companion nothing.
 */
@Kernel(file = "drivers/acpi/device_pm.c")
final class AcpiDevice {
    /** {@link #state} is read and swapped atomically through this, which costs no object per companion. */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AcpiDevice.class, "state", AcpiState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The function's spec, which the machine keeps: its BDF and ACPI spec are read from it, not copied. */
    private final DeviceSpec device;
    private final AcpiDevice parent;
    private final List<PowerResource> d0Resources;
    private final List<PowerResource> d3hotResources;
    /** {@code power.states[s].flags.valid}: bit {@code s} for each valid D-state. */
    private final byte valid;
    private final boolean powerResources;
    /** What the namespace scan found; {@link #manageable} may later be cleared. */
    private final boolean scannedManageable;
    /** {@code power.state}; only through {@link #STATE} where it must be atomic. */
    private volatile AcpiState state = AcpiState.UNKNOWN;
    private volatile boolean manageable;

    // guarded by this
    private int firmwareState;
    private int wakeupEnableCount;
    private int wakeupPrepareCount;

    /**
     * @param device a function whose spec has an ACPI companion
     * @param parent the ACPI parent: the companion of the nearest upstream bridge that has one
     * @param pr0 the resolved {@code _PR0} list, {@code pr3} likewise
     */
    AcpiDevice(DeviceSpec device, AcpiDevice parent, List<PowerResource> pr0, List<PowerResource> pr3) {
        this.device = device;
        AcpiDeviceSpec spec = device.acpi();
        this.parent = parent;
        this.scannedManageable = spec.powerManageable();
        this.manageable = scannedManageable;
        if (scannedManageable) {
            d0Resources = List.copyOf(pr0);
            // most companions list the same resources in both (the slot's power): one list serves
            d3hotResources = pr3.equals(pr0) ? d0Resources : List.copyOf(pr3);
            // D0 and D3hot are always valid; D1/D2 would need _PR1/_PR2 or _PS1/_PS2, which no topology has
            int v = bit(AcpiState.D0) | bit(AcpiState.D3HOT);
            // _PR3 counts only with a non-empty _PR0 (some firmware gives a bogus _PR3 to say "D3cold")
            powerResources = !pr0.isEmpty();
            if (powerResources && !pr3.isEmpty()) {
                v |= bit(AcpiState.D3COLD);
            }
            valid = (byte) v;
        } else {
            // acpi_bus_get_power_flags returns before reading any _PRx or _PSx
            d0Resources = List.of();
            d3hotResources = List.of();
            powerResources = false;
            valid = 0;
        }
    }

    private static int bit(AcpiState s) {
        return 1 << s.value();
    }

    Bdf bdf() {
        return device.bdf();
    }

    /**
     * The function's address as text, made when asked as {@code pci_name} is (and as the PCI layer's
     * own name is): a copy kept per companion would cost more than the address it spells.
     */
    String name() {
        return device.bdf().toString();
    }

    AcpiDeviceSpec spec() {
        return device.acpi();
    }

    /** The ACPI parent, or {@code null}. */
    AcpiDevice parent() {
        return parent;
    }

    /** {@code flags.power_manageable}; cleared when {@code acpi_bus_init_power} fails. */
    boolean manageable() {
        return manageable;
    }

    void markUnmanageable() {
        manageable = false;
    }

    /** {@code power.flags.power_resources}. */
    boolean usesPowerResources() {
        return powerResources;
    }

    /** {@code power.flags.explicit_get}: has {@code _PSC}. */
    boolean hasPsc() {
        return scannedManageable && spec().psc();
    }

    /** {@code power.flags.ignore_parent}: set by no ACPI table the topology can describe. */
    boolean ignoresParent() {
        return false;
    }

    /** {@code wakeup.flags.valid}: has {@code _PRW}. */
    boolean canWake() {
        return spec().prw();
    }

    boolean isValid(AcpiState s) {
        return s != AcpiState.UNKNOWN && (valid & bit(s)) != 0;
    }

    /** {@code power.states[s].flags.explicit_set}: the {@code _PSx} method exists. */
    boolean hasPsMethod(AcpiState s) {
        if (!scannedManageable) {
            return false;
        }
        return switch (s) {
            case D0 -> spec().ps0();
            case D3HOT -> spec().ps3();
            default -> false;
        };
    }

    /** {@code power.states[s].resources}: D0 = {@code _PR0}, D3hot = {@code _PR3}, others none. */
    List<PowerResource> resources(AcpiState s) {
        return switch (s) {
            case D0 -> d0Resources;
            case D3HOT -> d3hotResources;
            default -> List.of();
        };
    }

    /** {@code power.state}, the cached state. */
    AcpiState state() {
        return state;
    }

    /** Stores a new {@code power.state}; says so when it changed. */
    void record(AcpiState next, FirmwareEvents events) {
        AcpiState old = (AcpiState) STATE.getAndSet(this, next);
        if (old != next) {
            events.deviceState(name(), old, next);
        }
    }

    /** {@code acpi_device_get_power}'s fix-up of a parent whose state was unknown (no lock on it there either). */
    @Kernel("acpi_device_get_power")
    void assumeD0IfUnknown(FirmwareEvents events) {
        if (STATE.compareAndSet(this, AcpiState.UNKNOWN, AcpiState.D0)) {
            events.deviceState(name(), AcpiState.UNKNOWN, AcpiState.D0);
        }
    }

    /** What {@code _PSC} returns: the firmware's own record of the last {@code _PSx} it ran (0..3). */
    int firmwareState() {
        return firmwareState;
    }

    void setFirmwareState(int s) {
        firmwareState = s;
    }

    int wakeupEnableCount() {
        return wakeupEnableCount;
    }

    void setWakeupEnableCount(int n) {
        wakeupEnableCount = n;
    }

    int wakeupPrepareCount() {
        return wakeupPrepareCount;
    }

    void setWakeupPrepareCount(int n) {
        wakeupPrepareCount = n;
    }

    @Override
    public String toString() {
        return name() + " (" + spec().path() + ")";
    }
}
