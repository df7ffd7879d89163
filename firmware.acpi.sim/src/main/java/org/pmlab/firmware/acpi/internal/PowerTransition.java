package org.pmlab.firmware.acpi.internal;

import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.pm.api.Errno;

/**
 * Switching a device from one state's power resource list to another's (drivers/acpi/power.c:
 * {@code acpi_power_transition}, {@code acpi_power_on_list}, {@code acpi_power_off_list}).
 * Callers hold the device's lock; each resource is locked only while its own count changes, so
 * no two resource locks are ever held together.
 */
@Kernel(file = "drivers/acpi/power.c")
final class PowerTransition {
    private final FirmwareEvents events;

    PowerTransition(FirmwareEvents events) {
        this.events = events;
    }

    /**
     * {@code acpi_power_transition}: takes the new state's references first, then drops the old
     * state's in reverse order. Only a failure while taking counts: the device becomes UNKNOWN
     * and the error is returned. The result of dropping is ignored [checked 6.1] — after a failed
     * {@code _OFF} the device is still recorded in the new state.
     */
    @Kernel("acpi_power_transition")
    int transition(AcpiDevice dev, AcpiState next) {
        AcpiState current = dev.state();
        if (!dev.manageable() || current == next) {
            return 0;
        }
        if (current == AcpiState.UNKNOWN) {
            return Errno.ENODEV.negative();
        }
        int result = 0;
        if (next != AcpiState.D3COLD) {
            result = onList(dev, dev.resources(next));
        }
        if (result == 0 && current != AcpiState.D3COLD) {
            offList(dev, dev.resources(current));
        }
        dev.record(result != 0 ? AcpiState.UNKNOWN : next, events);
        return result;
    }

    /**
     * {@code acpi_power_on_list}: one reference on each resource, in list order; on a failure the
     * ones taken are dropped again, newest first.
     */
    @Kernel("acpi_power_on_list")
    int onList(AcpiDevice dev, List<PowerResource> list) {
        String name = dev.name();
        for (int i = 0; i < list.size(); i++) {
            int result = list.get(i).get(dev, name);
            if (result != 0) {
                for (int j = i - 1; j >= 0; j--) {
                    list.get(j).put(dev, name);
                }
                return result;
            }
        }
        return 0;
    }

    /**
     * {@code acpi_power_off_list}: drops one reference on each resource, last first. When one
     * fails, the resources after it in the list (already dropped) are referenced again; the
     * device does not hold those references any more, so they have no holder.
     */
    @Kernel("acpi_power_off_list")
    int offList(AcpiDevice dev, List<PowerResource> list) {
        String name = dev.name();
        for (int i = list.size() - 1; i >= 0; i--) {
            int result = list.get(i).put(dev, name);
            if (result != 0) {
                for (int j = i + 1; j < list.size(); j++) {
                    list.get(j).get(null, name);
                }
                return result;
            }
        }
        return 0;
    }
}
