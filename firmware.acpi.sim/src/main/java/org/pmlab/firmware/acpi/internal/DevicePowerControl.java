package org.pmlab.firmware.acpi.internal;

import java.util.List;
import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;

/**
 * The ACPI device power state machine of drivers/acpi/device_pm.c: setting a state
 * ({@code acpi_device_set_power}), reading it ({@code acpi_device_get_power}), initialising it
 * ({@code acpi_bus_init_power}) and re-syncing it ({@code acpi_device_update_power}).
 *
 * <p>Locking: the public entry points hold the device's lock for the whole operation; inside,
 * {@link PowerResource} locks one resource at a time. The ACPI parent's state is read without
 * its lock, as the kernel does; runtime PM's parent-first ordering keeps it stable meanwhile.
 */
@Kernel(file = "drivers/acpi/device_pm.c")
final class DevicePowerControl {
    private final AmlMethods aml;
    private final PowerTransition transition;
    private final FirmwareEvents events;

    DevicePowerControl(AmlMethods aml, PowerTransition transition, FirmwareEvents events) {
        this.aml = aml;
        this.transition = transition;
        this.events = events;
    }

    /**
     * {@code acpi_device_set_power}, steps in the kernel's order.
     *
     * @return 0, -EINVAL (not manageable, bad state) or -ENODEV (invalid state, parent, a
     *         deeper-to-shallower request, a failed method or a resource that would not turn on)
     */
    @Kernel("acpi_device_set_power")
    int setPower(AcpiDevice dev, AcpiState requested) {
        if (!dev.manageable() || requested == AcpiState.UNKNOWN) {
            return Errno.EINVAL.negative();
        }
        synchronized (dev) {
            AcpiState current = dev.state();
            if (requested != AcpiState.D0 && requested == current) {
                return 0;
            }
            AcpiState state = requested;
            AcpiState target = requested;
            if (requested == AcpiState.D3COLD) {
                // _PS3 is what runs; the resources decide whether it is really D3cold
                state = AcpiState.D3HOT;
                if (!dev.isValid(AcpiState.D3COLD)) {
                    target = AcpiState.D3HOT;
                }
            } else if (!dev.isValid(requested)) {
                return Errno.ENODEV.negative();
            }
            AcpiDevice parent = dev.parent();
            if (!dev.ignoresParent() && parent != null && state.shallowerThan(parent.state())) {
                // "Cannot transition to <state> for parent in <parent state>"
                return Errno.ENODEV.negative();
            }
            int result;
            if (state != AcpiState.D0) {
                if (state.shallowerThan(current)) {
                    // ACPI 6: no way from a deeper state to a shallower non-D0 one
                    return Errno.ENODEV.negative();
                }
                result = 0;
                // going from D3hot to D3cold, _PS3 has run already
                if (current.shallowerThan(AcpiState.D3HOT)) {
                    result = explicitSet(dev, state);
                }
                if (result == 0 && dev.usesPowerResources()) {
                    result = transition.transition(dev, target);
                }
            } else {
                result = powerUp(dev, current);
                if (result == 1) {
                    return 0;
                }
            }
            if (result == 0) {
                dev.record(target, events);
            }
            return result;
        }
    }

    /**
     * The D0 branch of {@code acpi_device_set_power}: resources on first, then {@code _PS0} —
     * skipped when the device already is D0 and {@code _PSC} is absent or says D0.
     *
     * @return 0 to record D0, 1 for "nothing to change", or an error
     */
    private int powerUp(AcpiDevice dev, AcpiState current) {
        if (dev.usesPowerResources()) {
            int result = transition.transition(dev, AcpiState.D0);
            if (result != 0) {
                return result;
            }
        }
        if (current == AcpiState.D0 && (!dev.hasPsc() || dev.firmwareState() == AcpiState.D0.value())) {
            return 1;
        }
        return explicitSet(dev, AcpiState.D0);
    }

    /** {@code acpi_dev_pm_explicit_set}: runs {@code _PSx} if the companion has it. */
    @Kernel("acpi_dev_pm_explicit_set")
    int explicitSet(AcpiDevice dev, AcpiState state) {
        if (!dev.hasPsMethod(state)) {
            return 0;
        }
        String method = "_PS" + state.value();
        String name = dev.name();
        int injected = aml.evaluate(name, method);
        if (injected != 0) {
            events.deviceMethod(name, method, FirmwareEvents.failure(AmlMethods.METHOD_FAILED, injected));
            return AmlMethods.METHOD_FAILED;
        }
        dev.setFirmwareState(state.value());
        events.deviceMethod(name, method, "ok");
        return 0;
    }

    /**
     * {@code acpi_device_get_power}: the shallowest state whose resources are all on, corrected by
     * {@code _PSC} when that says deeper (it cannot say D3cold: 3 and up read as D3hot).
     */
    @Kernel("acpi_device_get_power")
    AcpiState getPower(AcpiDevice dev) {
        AcpiDevice parent = dev.parent();
        if (!dev.manageable()) {
            return parent != null ? parent.state() : AcpiState.D0;
        }
        AcpiState result = AcpiState.UNKNOWN;
        if (dev.usesPowerResources()) {
            result = inferredState(dev);
        }
        if (dev.hasPsc()) {
            int psc = dev.firmwareState();
            if (psc > result.value() && psc < AcpiState.D3COLD.value()) {
                result = AcpiState.ofValue(psc);
            } else if (result == AcpiState.UNKNOWN) {
                result = psc > AcpiState.D2.value() ? AcpiState.D3HOT : AcpiState.ofValue(psc);
            }
        }
        if (!dev.ignoresParent() && parent != null && result == AcpiState.D0) {
            parent.assumeD0IfUnknown(events);
        }
        return result;
    }

    /** {@code acpi_power_get_inferred_state}. */
    @Kernel(value = "acpi_power_get_inferred_state", file = "drivers/acpi/power.c")
    private static AcpiState inferredState(AcpiDevice dev) {
        for (AcpiState s : List.of(AcpiState.D0, AcpiState.D1, AcpiState.D2, AcpiState.D3HOT)) {
            List<PowerResource> list = dev.resources(s);
            if (!list.isEmpty() && list.stream().allMatch(PowerResource::isOn)) {
                return s;
            }
        }
        return dev.isValid(AcpiState.D3COLD) ? AcpiState.D3COLD : AcpiState.D3HOT;
    }

    /**
     * {@code acpi_bus_init_power}: reads the state and takes the references that state needs
     * (running {@code _ON} for a resource's first one and {@code _PS0} for D0); a device with
     * neither resources nor {@code _PSC} is assumed to be D0.
     */
    @Kernel("acpi_bus_init_power")
    int initPower(AcpiDevice dev) {
        synchronized (dev) {
            dev.record(AcpiState.UNKNOWN, events);
            AcpiState state = getPower(dev);
            if (state.shallowerThan(AcpiState.D3COLD) && dev.usesPowerResources()) {
                int result = transition.onList(dev, dev.resources(state));
                if (result != 0) {
                    return result;
                }
                if (state == AcpiState.D0) {
                    result = explicitSet(dev, AcpiState.D0);
                    if (result != 0) {
                        return result;
                    }
                }
            } else if (state == AcpiState.UNKNOWN) {
                // no resources and no _PSC: trust the BIOS left it in D0, without running _PS0
                state = AcpiState.D0;
            }
            dev.record(state, events);
            return 0;
        }
    }

    /** {@code acpi_device_update_power}: re-reads the state and re-references its resources. */
    @Kernel("acpi_device_update_power")
    int updatePower(AcpiDevice dev) {
        synchronized (dev) {
            if (dev.state() == AcpiState.UNKNOWN) {
                return initPower(dev);
            }
            AcpiState state = getPower(dev);
            if (state == AcpiState.UNKNOWN) {
                return setPower(dev, AcpiState.D0);
            }
            if (dev.usesPowerResources()) {
                int result = transition.transition(dev, state);
                if (result != 0) {
                    return result;
                }
            }
            dev.record(state, events);
            return 0;
        }
    }

    /**
     * Brings a companion into the model when the firmware is attached. This is
     * {@code acpi_bus_init_power} (a failure clears {@code power_manageable}, as scan.c does),
     * with two uses of what the PCI layer knows, since the model starts from a running machine:
     * <ul>
     * <li>{@code _PSC} starts out reporting the function's PCI state (D3cold reads as 3);</li>
     * <li>a function that is PCI D3cold and whose companion has a valid D3cold starts in ACPI
     * D3cold holding nothing; one that is present but would start in ACPI D3cold is powered
     * up, as {@code acpi_dev_power_up_children_with_adr} does before PCI enumeration.</li>
     * </ul>
     *
     * @param pciState the function's {@code current_state}, empty before PCI enumeration (D0)
     */
    void attach(AcpiDevice dev, Optional<PowerState> pciState) {
        PowerState pci = pciState.orElse(PowerState.D0);
        synchronized (dev) {
            dev.setFirmwareState(pscFor(pci));
            if (dev.manageable() && pci == PowerState.D3COLD && dev.isValid(AcpiState.D3COLD)) {
                dev.record(AcpiState.D3COLD, events);
                return;
            }
            if (initPower(dev) != 0) {
                dev.markUnmanageable();
                return;
            }
            if (dev.manageable() && dev.state() == AcpiState.D3COLD && pci != PowerState.D3COLD) {
                setPower(dev, AcpiState.D0);
            }
        }
    }

    /** A PCI state as {@code _PSC} would report it (0..3); unknown or error reads as D0. */
    private static int pscFor(PowerState pci) {
        return switch (pci) {
            case D1 -> 1;
            case D2 -> 2;
            case D3HOT, D3COLD -> 3;
            default -> 0;
        };
    }
}
