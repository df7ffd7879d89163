package org.pmlab.shell.internal;

import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.MmapAccess;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioFeature;
import org.pmlab.vfio.api.VfioRegion;
import org.pmlab.vfio.api.VfioService;
import org.pmlab.vfio.api.VfioUser;

/**
 * The {@code vfio:} commands of an open device's runtime power (6.1+): the low-power features,
 * an access of one kind (which resumes an engaged device, or faults for a mapped BAR), the
 * interrupt type, and a wake-up eventfd's count. A device is named by BDF (any of its open fds)
 * or by an fd number.
 */
@Component(service = Object.class, property = {"osgi.command.scope=vfio",
    "osgi.command.function=low_power", "osgi.command.function=access", "osgi.command.function=irq",
    "osgi.command.function=wakeups", CommandAliases.PROPERTY + "=low-power=low_power"})
public final class VfioLowPowerCommands {

    private final Steps steps;
    private final VfioService vfio;

    @Activate
    public VfioLowPowerCommands(@Reference Steps steps, @Reference VfioService vfio) {
        this.steps = steps;
        this.vfio = vfio;
    }

    @Descriptor("VFIO_DEVICE_FEATURE low power of an open device: enter (LOW_POWER_ENTRY, or"
            + " LOW_POWER_ENTRY_WITH_WAKEUP with a new eventfd), exit (LOW_POWER_EXIT), or probe (PROBE|SET of entry)")
    public String low_power(
            @Descriptor("enter with a wake-up eventfd; prints its fd for vfio:wakeups")
            @Parameter(names = {"-w", "--wakeup"}, presentValue = "true", absentValue = "false") boolean wakeup,
            @Descriptor("DDDD:BB:DD.F of an open device, or an fd") String target,
            @Descriptor("enter, exit or probe") String action) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        String a = action.trim().toLowerCase(Locale.ROOT);
        if (wakeup && !a.equals("enter")) {
            throw new IllegalArgumentException("--wakeup goes with enter only");
        }
        int fd = VfioTargets.anyFd(m, u, target);
        int mark = steps.begin(m);
        return switch (a) {
            case "enter" -> wakeup ? enterWithWakeup(m, u, fd, mark) : feature(m, mark, VfioFeature.LOW_POWER_ENTRY,
                    u.lowPowerEntry(fd), "low power engaged");
            case "exit" -> feature(m, mark, VfioFeature.LOW_POWER_EXIT, u.lowPowerExit(fd), "low power exited");
            case "probe" -> feature(m, mark, VfioFeature.LOW_POWER_ENTRY, u.deviceFeature(fd, VfioFeature.HEADER_SIZE,
                    VfioFeature.PROBE | VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY, null), "LOW_POWER_ENTRY: supported");
            default -> throw new IllegalArgumentException("unknown action '" + action + "': expected enter, exit or probe");
        };
    }

    private String enterWithWakeup(Machine m, VfioUser u, int fd, int mark) {
        int efd = u.eventfd();
        int r = u.lowPowerEntryWithWakeup(fd, efd);
        if (r < 0) {
            u.close(efd); // the user gives up the eventfd it made for nothing
        }
        return feature(m, mark, VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP, r,
                "low power engaged; wake-up eventfd " + efd);
    }

    /** Ends the step; a failure is one line naming the feature, the errno and, for -ENOTTY before 6.1, why. */
    private String feature(Machine m, int mark, int feature, int r, String done) {
        String out = steps.end(m, mark, r < 0 ? null : done);
        if (r < 0) {
            String why = "";
            if (r == Errno.ENOTTY.negative() && m.kernel().before(KernelVersion.V6_1)) {
                why = ": not supported on kernel " + m.kernel() + " (the low-power features came with 6.1)";
            }
            throw new IllegalStateException("VFIO_DEVICE_FEATURE " + VfioFeature.name(feature) + ": "
                    + Errno.describe(r) + why);
        }
        return out;
    }

    @Descriptor("access an open device once: config (pread of config space), bar-read (pread of its first BAR),"
            + " bar (a load through a fresh mapping of its first BAR) or ioctl (VFIO_DEVICE_GET_INFO)")
    public String access(
            @Descriptor("DDDD:BB:DD.F of an open device, or an fd") String target,
            @Descriptor("config, bar-read, bar or ioctl") String kind) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        int fd = VfioTargets.anyFd(m, u, target);
        String k = kind.trim().toLowerCase(Locale.ROOT);
        int bar = k.startsWith("bar") ? firstBar(m, u, fd) : -1;
        int mark = steps.begin(m);
        int r;
        String what;
        switch (k) {
            case "config" -> {
                r = u.regionRead(fd, VfioRegion.CONFIG);
                what = "config space read: " + r + " bytes";
            }
            case "bar-read" -> {
                r = u.regionRead(fd, bar);
                what = "BAR" + bar + " read: " + r + " bytes";
            }
            case "ioctl" -> {
                r = u.getInfo(fd);
                what = "VFIO_DEVICE_GET_INFO: " + r;
            }
            case "bar" -> {
                return mappedAccess(m, u, fd, bar, mark);
            }
            default -> throw new IllegalArgumentException("unknown access '" + kind
                    + "': expected config, bar-read, bar or ioctl");
        }
        String out = steps.end(m, mark, r < 0 ? null : what);
        VfioCommands.check(r);
        return out;
    }

    /** mmap, one load, munmap: the load faults into vfio, which populates the mapping or refuses it. */
    private String mappedAccess(Machine m, VfioUser u, int fd, int bar, int mark) {
        int map = u.mmap(fd, bar);
        if (map < 0) {
            steps.end(m, mark, null);
            throw new IllegalStateException("mmap of BAR" + bar + ": " + Errno.describe(map));
        }
        MmapAccess a = u.mmapAccess(map);
        u.munmap(map);
        String out = steps.end(m, mark, a == MmapAccess.DONE ? "BAR" + bar + " load through a mapping: done" : null);
        if (a != MmapAccess.DONE) {
            String why = u.device(fd).flatMap(u::info).map(VfioDeviceInfo::pmRuntimeEngaged).orElse(false)
                    ? "low power engaged" : "memory not enabled";
            throw new IllegalStateException(a + ": vfio_pci_mmap_fault refused the BAR" + bar + " mapping (" + why + ")");
        }
        return out;
    }

    /** The lowest implemented BAR of the fd's device (BAR0 when the fd is not a device: its call fails). */
    private static int firstBar(Machine m, VfioUser u, int fd) {
        Bdf bdf = u.device(fd).orElse(null);
        if (bdf == null) {
            return VfioRegion.BAR0;
        }
        var bars = m.pci().get(bdf).config().bars();
        for (int i = VfioRegion.BAR0; i <= VfioRegion.BAR5 && i < bars.size(); i++) {
            if (bars.get(i) != 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(bdf + " has no implemented BAR");
    }

    @Descriptor("VFIO_DEVICE_SET_IRQS (trigger): enable an interrupt type on an open device, or none to disable it")
    public String irq(
            @Descriptor("DDDD:BB:DD.F of an open device, or an fd") String target,
            @Descriptor("intx, msi, msix or none") String type) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        int fd = VfioTargets.anyFd(m, u, target);
        IrqType t = switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "intx" -> IrqType.INTX;
            case "msi" -> IrqType.MSI;
            case "msix", "msi-x" -> IrqType.MSIX;
            case "none" -> IrqType.NONE;
            default -> throw new IllegalArgumentException("unknown interrupt type '" + type
                    + "': expected intx, msi, msix or none");
        };
        int mark = steps.begin(m);
        int r = u.setIrqs(fd, t);
        String out = steps.end(m, mark, r < 0 ? null : "interrupt type " + t.label());
        VfioCommands.check(r);
        return out;
    }

    @Descriptor("the count of a wake-up eventfd (its eventfd-count, not consumed)")
    public String wakeups(@Descriptor("the eventfd, as vfio:low-power --wakeup printed it") String handle) {
        if (!VfioTargets.isNumber(handle)) {
            throw new IllegalArgumentException("expected an eventfd number, not '" + handle.trim() + "'");
        }
        int fd = VfioTargets.number(handle);
        long n = vfio.user(steps.machine()).eventfdCount(fd);
        if (n < 0) {
            String what = n == Errno.EBADF.negative() ? " is not open" : " is not an eventfd";
            throw new IllegalStateException("fd " + fd + what + ": " + Errno.describe((int) n));
        }
        return Long.toString(n);
    }
}
