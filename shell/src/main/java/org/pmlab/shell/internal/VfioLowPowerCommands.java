package org.pmlab.shell.internal;

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
    "osgi.command.function=wakeups", CommandCatalog.ALIAS + "=low-power=low_power"})
public final class VfioLowPowerCommands {

    /** The low-power features of VFIO_DEVICE_FEATURE. */
    enum LowPowerAction implements Word {
        ENTER("enter", "LOW_POWER_ENTRY (with --wakeup: LOW_POWER_ENTRY_WITH_WAKEUP and a new eventfd)"),
        EXIT("exit", "LOW_POWER_EXIT"),
        PROBE("probe", "PROBE|SET of LOW_POWER_ENTRY: is it supported?");

        private final String word;
        private final String description;

        LowPowerAction(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** The kinds of one access to an open device. */
    enum AccessKind implements Word {
        CONFIG("config", "pread of config space"),
        BAR_READ("bar-read", "pread of its first BAR"),
        BAR("bar", "a load through a fresh mapping of its first BAR"),
        IOCTL("ioctl", "VFIO_DEVICE_GET_INFO");

        private final String word;
        private final String description;

        AccessKind(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    private final Steps steps;
    private final VfioService vfio;

    @Activate
    public VfioLowPowerCommands(@Reference Steps steps, @Reference VfioService vfio) {
        this.steps = steps;
        this.vfio = vfio;
    }

    @Descriptor("VFIO_DEVICE_FEATURE low power of an open device: enter (LOW_POWER_ENTRY, or"
            + " LOW_POWER_ENTRY_WITH_WAKEUP with a new eventfd), exit (LOW_POWER_EXIT), or probe (PROBE|SET of entry)")
    @Example("vfio:low-power enter 0000:01:00.0")
    @Example("vfio:low-power --wakeup enter 3")
    public String low_power(
            @Descriptor("enter with a wake-up eventfd; prints its fd for vfio:wakeups")
            @Parameter(names = {"-w", "--wakeup"}, presentValue = "true", absentValue = "false") boolean wakeup,
            @Descriptor("the feature") LowPowerAction action,
            @Descriptor(VfioCommands.HANDLE) Args.VfioHandle target) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        if (wakeup && action != LowPowerAction.ENTER) {
            throw new UsageException("--wakeup goes with enter only");
        }
        int fd = VfioTargets.anyFd(m, u, target);
        int mark = steps.begin(m);
        return switch (action) {
            case ENTER -> wakeup ? enterWithWakeup(m, u, fd, mark) : feature(m, mark, VfioFeature.LOW_POWER_ENTRY,
                    u.lowPowerEntry(fd), "low power engaged");
            case EXIT -> feature(m, mark, VfioFeature.LOW_POWER_EXIT, u.lowPowerExit(fd), "low power exited");
            case PROBE -> feature(m, mark, VfioFeature.LOW_POWER_ENTRY, u.deviceFeature(fd, VfioFeature.HEADER_SIZE,
                    VfioFeature.PROBE | VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY, null), "LOW_POWER_ENTRY: supported");
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
    @Example("vfio:access config 0000:01:00.0")
    public String access(
            @Descriptor("the kind of access") AccessKind kind,
            @Descriptor(VfioCommands.HANDLE) Args.VfioHandle target) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        int fd = VfioTargets.anyFd(m, u, target);
        int bar = kind == AccessKind.BAR || kind == AccessKind.BAR_READ ? firstBar(m, u, fd) : -1;
        int mark = steps.begin(m);
        int r;
        String what;
        switch (kind) {
            case CONFIG -> {
                r = u.regionRead(fd, VfioRegion.CONFIG);
                what = "config space read: " + r + " bytes";
            }
            case BAR_READ -> {
                r = u.regionRead(fd, bar);
                what = "BAR" + bar + " read: " + r + " bytes";
            }
            case IOCTL -> {
                r = u.getInfo(fd);
                what = "VFIO_DEVICE_GET_INFO: " + r;
            }
            case BAR -> {
                return mappedAccess(m, u, fd, bar, mark);
            }
            default -> throw new IllegalStateException("unhandled " + kind);
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
    @Example("vfio:irq 0000:01:00.0 msi")
    public String irq(
            @Descriptor(VfioCommands.HANDLE) Args.VfioHandle target,
            @Descriptor("intx, msi, msix or none") IrqType type) {
        Machine m = steps.machine();
        VfioUser u = vfio.user(m);
        int fd = VfioTargets.anyFd(m, u, target);
        IrqType t = type;
        int mark = steps.begin(m);
        int r = u.setIrqs(fd, t);
        String out = steps.end(m, mark, r < 0 ? null : "interrupt type " + t.label());
        VfioCommands.check(r);
        return out;
    }

    @Descriptor("the count of a wake-up eventfd (its eventfd-count, not consumed)")
    @Example("vfio:wakeups 4")
    public String wakeups(@Descriptor("the eventfd, as vfio:low-power --wakeup printed it") Args.Int eventfd) {
        int fd = eventfd.value();
        if (fd < 0) {
            throw new UsageException("EVENTFD: " + fd + " is out of range (expected an fd, 0 or more)");
        }
        long n = vfio.user(steps.machine()).eventfdCount(fd);
        if (n < 0) {
            String what = n == Errno.EBADF.negative() ? " is not open" : " is not an eventfd";
            throw new IllegalStateException("fd " + fd + what + ": " + Errno.describe((int) n));
        }
        return Long.toString(n);
    }
}
