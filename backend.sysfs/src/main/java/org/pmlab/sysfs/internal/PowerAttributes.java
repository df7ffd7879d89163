package org.pmlab.sysfs.internal;

import java.util.List;
import java.util.function.Predicate;
import org.pmlab.annotation.Kernel;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;

/**
 * The attributes of a device's {@code power/} directory (drivers/base/power/sysfs.c, Linux 6.1,
 * with CONFIG_PM_ADVANCED_DEBUG as the scenarios assume): the runtime group (absent for a
 * {@code no_callbacks} device), the debug attributes, and the wakeup group ({@code wakeup} and its
 * statistics) for devices that {@code device_can_wakeup}.
 */
@Kernel(file = "drivers/base/power/sysfs.c")
final class PowerAttributes {
    private PowerAttributes() {
    }

    private static final Predicate<PciDevice> RUNTIME_GROUP = d -> !d.pm().info().noCallbacks();

    static final List<Attribute<PciDevice>> ALL = List.of(
            Attribute.rw("control", RUNTIME_GROUP, (m, d) -> info(d).control() + "\n", PowerAttributes::storeControl),
            Attribute.ro("runtime_status", Attribute.always(), (m, d) -> info(d).runtimeStatus() + "\n"),
            Attribute.ro("runtime_usage", Attribute.always(), (m, d) -> info(d).usageCount() + "\n"),
            Attribute.ro("runtime_active_kids", Attribute.always(), (m, d) -> info(d).activeKids() + "\n"),
            Attribute.ro("runtime_enabled", Attribute.always(), (m, d) -> info(d).runtimeEnabled() + "\n"),
            Attribute.ro("runtime_active_time", RUNTIME_GROUP, (m, d) -> info(d).activeTimeMs() + "\n"),
            Attribute.ro("runtime_suspended_time", RUNTIME_GROUP, (m, d) -> info(d).suspendedTimeMs() + "\n"),
            Attribute.rw("autosuspend_delay_ms", RUNTIME_GROUP, PowerAttributes::showAutosuspendDelay,
                    PowerAttributes::storeAutosuspendDelay),
            Attribute.rw("wakeup", PciDevice::wakeupCapable,
                    (m, d) -> (d.wakeupEnabled() ? "enabled" : "disabled") + "\n", PowerAttributes::storeWakeup),
            wakeupStat("wakeup_count"),
            wakeupStat("wakeup_active_count"),
            wakeupStat("wakeup_abort_count"),
            wakeupStat("wakeup_expire_count"),
            wakeupStat("wakeup_active"),
            wakeupStat("wakeup_total_time_ms"),
            wakeupStat("wakeup_max_time_ms"),
            Attribute.ro("wakeup_last_time_ms", PciDevice::wakeupCapable, (m, d) -> d.wakeupLastTimeMs().isPresent()
                    ? d.wakeupLastTimeMs().getAsLong() + "\n" : "\n"));

    /**
     * A statistic of the device's wakeup source ({@code wakeup_count_show} and its siblings): an
     * empty line without a source; with one, 0, as the model signals no wake-up events.
     */
    private static Attribute<PciDevice> wakeupStat(String name) {
        return Attribute.ro(name, PciDevice::wakeupCapable, (m, d) -> d.wakeupLastTimeMs().isPresent() ? "0\n" : "\n");
    }

    private static PmInfo info(PciDevice d) {
        return d.pm().info();
    }

    /** {@code control_store}: "auto" allows, "on" forbids, under the device lock; else -EINVAL. */
    @Kernel("control_store")
    private static int storeControl(Machine m, PciDevice d, String buf) {
        int n = DeviceAttributes.count(buf);
        return DeviceLock.locked(m.pciCore(), d, () -> {
            if (KernelParse.streq(buf, "auto")) {
                m.runtimePm().allow(d.pm());
            } else if (KernelParse.streq(buf, "on")) {
                m.runtimePm().forbid(d.pm());
            } else {
                return Errno.EINVAL.negative();
            }
            return n;
        });
    }

    /** {@code autosuspend_delay_ms_show}: -EIO unless the driver uses autosuspend. */
    @Kernel("autosuspend_delay_ms_show")
    private static String showAutosuspendDelay(Machine m, PciDevice d) {
        PmInfo i = info(d);
        if (!i.useAutosuspend()) {
            throw Err.fail(Errno.EIO);
        }
        return i.autosuspendDelayMs() + "\n";
    }

    /** {@code autosuspend_delay_ms_store}: -EIO unless autosuspend is used; kstrtol base 10 that fits an int. */
    @Kernel("autosuspend_delay_ms_store")
    private static int storeAutosuspendDelay(Machine m, PciDevice d, String buf) {
        if (!info(d).useAutosuspend()) {
            return Errno.EIO.negative();
        }
        long delay;
        try {
            delay = KernelParse.kstrtol(buf, 10);
        } catch (Err.Fail e) {
            return Errno.EINVAL.negative();
        }
        if (delay != (int) delay) {
            return Errno.EINVAL.negative();
        }
        int n = DeviceAttributes.count(buf);
        return DeviceLock.locked(m.pciCore(), d, () -> {
            m.runtimePm().setAutosuspendDelay(d.pm(), (int) delay);
            return n;
        });
    }

    /** {@code wakeup_store}: "enabled" or "disabled". */
    @Kernel("wakeup_store")
    private static int storeWakeup(Machine m, PciDevice d, String buf) {
        boolean on;
        if (KernelParse.streq(buf, "enabled")) {
            on = true;
        } else if (KernelParse.streq(buf, "disabled")) {
            on = false;
        } else {
            return Errno.EINVAL.negative();
        }
        int r = m.pci().setWakeup(d.bdf(), on);
        return r < 0 ? r : DeviceAttributes.count(buf);
    }
}
