package org.pmlab.modeltest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.FaultPoint;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.VfioFeature;
import org.pmlab.vfio.api.VfioRegion;
import org.pmlab.vfio.internal.VfioModules;

/**
 * One user-level operation: a kind and three raw choices that pick its targets and arguments
 * when it runs (modulo what exists then: functions come and go with SR-IOV, fds with opens), so
 * any edit of a recorded sequence still runs. Each run returns what it did, in the shell's
 * words, with the result the system call or helper gave.
 */
record Op(Kind kind, int a, int b, int c) {

    @Override
    public String toString() {
        return kind + "(" + a + "," + b + "," + c + ")";
    }

    String run(World w) {
        return kind.run(w, a, b, c);
    }

    private static final int[] ERRNOS = {Errno.EIO.negative(), Errno.ENODEV.negative(), Errno.EBUSY.negative(),
        Errno.EAGAIN.negative(), Errno.EINVAL.negative(), Errno.ENOMEM.negative(), Errno.ETIMEDOUT.negative()};
    private static final int[] DELAYS_MS = {1, 10, 100, 1000, 2000, 5000, 20000};
    private static final String[] AUTOSUSPEND = {"-1", "0", "50", "1000", "x"};
    private static final List<Set<DeviceLinkFlag>> LINK_FLAGS = List.of(
            EnumSet.of(DeviceLinkFlag.STATELESS),
            EnumSet.of(DeviceLinkFlag.STATELESS, DeviceLinkFlag.PM_RUNTIME),
            EnumSet.of(DeviceLinkFlag.STATELESS, DeviceLinkFlag.PM_RUNTIME, DeviceLinkFlag.RPM_ACTIVE),
            EnumSet.of(DeviceLinkFlag.PM_RUNTIME),
            EnumSet.of(DeviceLinkFlag.PM_RUNTIME, DeviceLinkFlag.AUTOREMOVE_CONSUMER),
            EnumSet.of(DeviceLinkFlag.PM_RUNTIME, DeviceLinkFlag.RPM_ACTIVE, DeviceLinkFlag.AUTOREMOVE_SUPPLIER));

    /** The kinds, most common first; each knows how to pick its targets from the three choices. */
    enum Kind {
        SETTLE(4) {
            @Override
            String run(World w, int a, int b, int c) {
                return "sim:settle = " + w.host.m.clock().settle();
            }
        },
        ADVANCE(8) {
            @Override
            String run(World w, int a, int b, int c) {
                int ms = DELAYS_MS[Math.floorMod(a, DELAYS_MS.length)];
                w.host.m.clock().advance(Duration.ofMillis(ms));
                return "sim:advance " + ms + "ms";
            }
        },
        // ---- sysfs writes (through the sysfs view, as echo does) ----
        OVERRIDE(5) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                List<String> values = new ArrayList<>(w.host.m.pci().drivers());
                values.add("\n");
                String v = b % 5 == 1 ? "vfio-pci" : values.get(Math.floorMod(b, values.size()));
                return echo(w, devicePath(d) + "/driver_override", v);
            }
        },
        BIND(5) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                List<String> drivers = w.host.m.pci().drivers();
                // mostly the driver the override names, as the usual recipe does
                String drv = b % 3 != 0 && d.driverOverride().isPresent() && drivers.contains(d.driverOverride().get())
                        ? d.driverOverride().get() : drivers.get(Math.floorMod(b, drivers.size()));
                return echo(w, "/sys/bus/pci/drivers/" + drv + "/bind", bdf(d));
            }
        },
        /** pci:bind: driver_override, unbind from the current driver, bind (mostly to vfio-pci). */
        PCI_BIND(6) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                List<String> drivers = w.host.m.pci().drivers();
                String drv = b % 5 < 3 ? "vfio-pci" : drivers.get(Math.floorMod(b, drivers.size()));
                return pciBind(w, d, drv);
            }
        },
        UNBIND(3) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                String drv = d.driver().orElse(w.host.m.pci().drivers().get(0));
                return echo(w, "/sys/bus/pci/drivers/" + drv + "/unbind", bdf(d));
            }
        },
        PROBE(2) {
            @Override
            String run(World w, int a, int b, int c) {
                return echo(w, "/sys/bus/pci/drivers_probe", bdf(w.pci(a)));
            }
        },
        D3COLD_ALLOWED(2) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                w.noteConditionChange(d);
                return echo(w, devicePath(d) + "/d3cold_allowed", b % 3 == 0 ? "0" : "1");
            }
        },
        CONTROL(4) {
            @Override
            String run(World w, int a, int b, int c) {
                return echo(w, devicePath(w.pci(a)) + "/power/control", b % 2 == 0 ? "auto" : "on");
            }
        },
        WAKEUP(2) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                w.noteConditionChangeBelow(d);
                return echo(w, devicePath(d) + "/power/wakeup", b % 2 == 0 ? "enabled" : "disabled");
            }
        },
        AUTOSUSPEND_DELAY(1) {
            @Override
            String run(World w, int a, int b, int c) {
                return echo(w, devicePath(w.pci(a)) + "/power/autosuspend_delay_ms",
                        AUTOSUSPEND[Math.floorMod(b, AUTOSUSPEND.length)]);
            }
        },
        SRIOV_NUMVFS(3) {
            @Override
            String run(World w, int a, int b, int c) {
                List<PciDevice> pfs = w.pci().stream().filter(d -> d.spec().sriov() != null && !d.isVirtfn()).toList();
                PciDevice pf = World.pick(pfs, a);
                if (pf == null) {
                    return "(no SR-IOV PF)";
                }
                int n = Math.floorMod(b, Math.min(pf.spec().sriov().totalVfs(), 3) + 1);
                return echo(w, devicePath(pf) + "/sriov_numvfs", Integer.toString(n));
            }
        },
        SYSFS_RESET(1) {
            @Override
            String run(World w, int a, int b, int c) {
                return echo(w, devicePath(w.pci(a)) + "/reset", "1");
            }
        },
        READ_CONFIG(2) {
            @Override
            String run(World w, int a, int b, int c) {
                PciDevice d = w.pci(a);
                return "lspci -s " + bdf(d) + " = command 0x" + Integer.toHexString(
                        w.host.m.pci().readConfig(d.bdf()).command());
            }
        },
        // ---- vfio-pci user ----
        OPEN(6) {
            @Override
            String run(World w, int a, int b, int c) {
                List<PciDevice> vfio = w.pci().stream().filter(d -> d.driver().filter("vfio-pci"::equals).isPresent()).toList();
                PciDevice d = b % 4 == 0 || vfio.isEmpty() ? w.pci(a) : World.pick(vfio, a);
                int fd = w.host.user.open(d.bdf());
                if (fd >= 0) {
                    w.deviceFds.add(fd);
                }
                return "vfio:open " + bdf(d) + " = " + errno(fd);
            }
        },
        CLOSE(5) {
            @Override
            String run(World w, int a, int b, int c) {
                Integer fd = World.pick(w.deviceFds, a);
                if (fd == null) {
                    return "(no fd to close)";
                }
                w.deviceFds.remove(fd);
                return "vfio:close " + fd + " = " + errno(w.host.user.close(fd));
            }
        },
        DEVICE_IOCTL(6) {
            @Override
            String run(World w, int a, int b, int c) {
                StringBuilder did = new StringBuilder();
                Integer fd = fd(w, a, did);
                if (fd == null) {
                    return did + "(no device to open)";
                }
                var u = w.host.user;
                return did + switch (Math.floorMod(b, 12)) {
                    case 0 -> "ioctl " + fd + " GET_INFO = " + errno(u.getInfo(fd));
                    case 1 -> "ioctl " + fd + " RESET = " + errno(u.reset(fd));
                    case 2 -> "ioctl " + fd + " PCI_HOT_RESET = " + errno(u.hotReset(fd));
                    case 3 -> "ioctl " + fd + " PCI_HOT_RESET (own group only) = " + errno(
                            u.hotReset(fd, u.device(fd).map(Set::of).orElse(Set.of())));
                    case 4 -> {
                        IrqType t = IrqType.values()[Math.floorMod(c, IrqType.values().length)];
                        yield "ioctl " + fd + " SET_IRQS " + t + " = " + errno(u.setIrqs(fd, t));
                    }
                    case 5 -> "ioctl " + fd + " SET_IRQS " + (c % 2 == 0 ? "MASK" : "UNMASK") + " = "
                            + errno(u.maskIntx(fd, c % 2 == 0));
                    case 6 -> "pread " + fd + " region " + region(c) + " = " + errno(u.regionRead(fd, region(c)));
                    case 7 -> "pwrite " + fd + " region " + region(c) + " = " + errno(u.regionWrite(fd, region(c)));
                    case 8 -> {
                        PowerState s = List.of(PowerState.D0, PowerState.D3HOT, PowerState.D1, PowerState.D2)
                                .get(Math.floorMod(c, 4));
                        yield "pwrite " + fd + " PMCSR " + s + " = " + errno(u.writePowerState(fd, s));
                    }
                    case 9 -> {
                        int f = List.of(VfioFeature.LOW_POWER_ENTRY, VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP,
                                VfioFeature.LOW_POWER_EXIT, VfioFeature.MIGRATION).get(Math.floorMod(c, 4));
                        yield "ioctl " + fd + " FEATURE PROBE " + f + " = "
                                + errno(u.deviceFeature(fd, VfioFeature.HEADER_SIZE, VfioFeature.PROBE | f, new byte[0]));
                    }
                    case 10 -> "ioctl " + fd + " FEATURE SET LOW_POWER_ENTRY argsz 4 = "
                            + errno(u.deviceFeature(fd, 4, VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY, new byte[0]));
                    default -> "ioctl " + fd + " FEATURE GET LOW_POWER_EXIT = "
                            + errno(u.deviceFeature(fd, VfioFeature.HEADER_SIZE, VfioFeature.GET | VfioFeature.LOW_POWER_EXIT,
                                    new byte[0]));
                };
            }
        },
        LOW_POWER(6) {
            @Override
            String run(World w, int a, int b, int c) {
                StringBuilder did = new StringBuilder();
                Integer fd = fd(w, a, did);
                if (fd == null) {
                    return did + "(no device to open)";
                }
                var u = w.host.user;
                switch (Math.floorMod(b, 3)) {
                    case 0:
                        return did + "vfio:low-power " + fd + " entry = " + errno(u.lowPowerEntry(fd));
                    case 1:
                        return did + "vfio:low-power " + fd + " exit = " + errno(u.lowPowerExit(fd));
                    default:
                        Integer efd = World.pick(w.eventFds, c);
                        if (efd == null) {
                            efd = u.eventfd();
                            w.eventFds.add(efd);
                        }
                        return did + "vfio:low-power " + fd + " entry with wake-up eventfd " + efd + " = "
                                + errno(u.lowPowerEntryWithWakeup(fd, efd));
                }
            }
        },
        EVENTFD(1) {
            @Override
            String run(World w, int a, int b, int c) {
                if (a % 2 == 0 || w.eventFds.isEmpty()) {
                    int fd = w.host.user.eventfd();
                    w.eventFds.add(fd);
                    return "eventfd = " + fd;
                }
                Integer fd = World.pick(w.eventFds, b);
                w.eventFds.remove(fd);
                return "close eventfd " + fd + " = " + errno(w.host.user.close(fd));
            }
        },
        MMAP(3) {
            @Override
            String run(World w, int a, int b, int c) {
                var u = w.host.user;
                switch (Math.floorMod(b, 3)) {
                    case 0: {
                        StringBuilder did = new StringBuilder();
                        Integer fd = fd(w, a, did);
                        if (fd == null) {
                            return did + "(no device to open)";
                        }
                        int map = u.mmap(fd, Math.floorMod(c, 3));
                        if (map > 0) {
                            w.maps.add(map);
                        }
                        return did + "mmap " + fd + " BAR" + Math.floorMod(c, 3) + " = " + errno(map);
                    }
                    case 1: {
                        Integer map = World.pick(w.maps, a);
                        return map == null ? "(no mapping)" : "access mapping " + map + " = " + u.mmapAccess(map);
                    }
                    default: {
                        Integer map = World.pick(w.maps, a);
                        if (map == null) {
                            return "(no mapping)";
                        }
                        w.maps.remove(map);
                        return "munmap " + map + " = " + errno(u.munmap(map));
                    }
                }
            }
        },
        MEMORY_LOCK(2) {
            @Override
            String run(World w, int a, int b, int c) {
                if (b % 2 == 0 || w.holds.isEmpty()) {
                    StringBuilder did = new StringBuilder();
                    Integer fd = fd(w, a, did);
                    if (fd == null) {
                        return did + "(no device to open)";
                    }
                    int token = w.host.user.holdMemoryLock(fd);
                    if (token > 0) {
                        w.holds.add(token);
                    }
                    return did + "BAR access in flight on " + fd + " = " + errno(token);
                }
                Integer token = World.pick(w.holds, a);
                w.holds.remove(token);
                return "BAR access " + token + " ends = " + errno(w.host.user.releaseMemoryLock(token));
            }
        },
        VFIO_PARAM(1) {
            @Override
            String run(World w, int a, int b, int c) {
                boolean v = a % 2 == 1;
                // vfio:param refuses while devices are bound (the value is taken at module load)
                if (!w.host.user.devices().isEmpty()) {
                    return "vfio:param disable_idle_d3 " + (v ? 1 : 0) + " (refused: devices bound)";
                }
                VfioModules.setDisableIdleD3(w.host.vfio, v);
                w.disableIdleD3 = v;
                return "vfio:param disable_idle_d3 " + (v ? 1 : 0);
            }
        },
        // ---- firmware ----
        SWAP(2) {
            @Override
            String run(World w, int a, int b, int c) {
                String name = Host.FIRMWARES.get(Math.floorMod(a, Host.FIRMWARES.size()));
                w.pci().forEach(w::noteConditionChange);
                try {
                    String did = "fw:use " + name + " = " + w.host.m.firmware().swap(Host.firmware(name)) + " resumed";
                    w.noteHandover();
                    return did;
                } catch (IllegalStateException e) {
                    return "fw:use " + name + " refused: " + e.getMessage();
                }
            }
        },
        // ---- faults ----
        FAULT(3) {
            @Override
            String run(World w, int a, int b, int c) {
                Machine m = w.host.m;
                if (c % 5 == 4) {
                    m.faults().clear();
                    return "sim:fault clear";
                }
                List<FaultPoint> points = m.faults().points();
                FaultPoint p = World.pick(points, a);
                String target;
                if (p.target().equals("power-resource")) {
                    List<String> names = m.firmware().ops().map(o -> o.powerResources().stream()
                            .map(PowerResourceView::name).toList()).orElse(List.of());
                    target = World.pick(names, b);
                    if (target == null) {
                        return "(no power resource for " + p.name() + ")";
                    }
                    if (p.name().equals("_OFF")) {
                        w.offFaultArmed = true;
                    }
                } else {
                    target = bdf(w.pci(b));
                }
                int errno = ERRNOS[Math.floorMod(c, ERRNOS.length)];
                boolean once = c % 3 != 2;
                try {
                    m.faults().add(new Fault(target, p.name(), errno, once));
                    return "sim:fault add " + target + " " + p.name() + " " + errno(errno) + (once ? " --once" : "");
                } catch (IllegalArgumentException e) {
                    return "sim:fault add " + target + " " + p.name() + " refused: " + e.getMessage();
                }
            }
        },
        // ---- bare devices and the runtime PM helpers (pm:device, pm:<helper>) ----
        BARE_DEVICE(2) {
            @Override
            String run(World w, int a, int b, int c) {
                if (b % 3 == 2 && !w.bare.isEmpty()) {
                    World.Bare leaf = World.pick(w.bareLeaves(), a);
                    boolean irqSafe = leaf.dev.info().irqSafe();
                    w.host.m.pmDevices().remove(leaf.dev);
                    w.bare.remove(leaf.dev.name());
                    if (irqSafe) {
                        // pm_runtime_reinit (from device_del's pm_runtime_remove) gives back the
                        // reference pm_runtime_irq_safe took on the parent, with pm_runtime_put
                        leaf.dev.parent().map(p -> w.bare.get(p.name())).ifPresent(pb -> Helpers.putBy(w, pb));
                    }
                    return "pm:device remove " + leaf.dev.name();
                }
                if (w.bare.size() >= 6) {
                    return "(enough bare devices)";
                }
                List<PmDevice> parents = new ArrayList<>();
                parents.add(null);
                parents.addAll(w.pmTargets());
                PmDevice parent = parents.get(Math.floorMod(a, parents.size()));
                String name = "bare" + w.bareNames++;
                DevPmOps ops = switch (Math.floorMod(c, 4)) {
                    case 0 -> null;
                    case 1 -> new DevPmOps(d -> 0, d -> 0, null);
                    case 2 -> new DevPmOps(failing(Errno.EBUSY.negative()), d -> 0, null);
                    default -> new DevPmOps(d -> 0, failing(Errno.EIO.negative()), null);
                };
                PmDevice d = w.host.m.pmDevices().add(name, parent, ops);
                w.bare.put(name, new World.Bare(d));
                return "pm:device add " + name + (parent == null ? "" : " --parent " + parent.name())
                        + (ops == null ? "" : " ops " + Math.floorMod(c, 4));
            }
        },
        HELPER(10) {
            @Override
            String run(World w, int a, int b, int c) {
                String did = "";
                if (w.bare.isEmpty()) {
                    did = BARE_DEVICE.run(w, a, 0, c) + "; ";
                }
                World.Bare bd = World.pick(new ArrayList<>(w.bare.values()), a);
                return did + Helpers.run(w, bd, b, c);
            }
        },
        LINK(2) {
            @Override
            String run(World w, int a, int b, int c) {
                var devs = w.host.m.pmDevices();
                if (c % 4 == 3) {
                    PmDeviceLink l = World.pick(w.links, a);
                    if (l == null) {
                        return "(no link)";
                    }
                    w.links.remove(l); // one of the references the tester took
                    boolean removed = devs.linkDel(l);
                    return "pm:link remove " + l.consumer().name() + " " + l.supplier().name() + " = " + removed;
                }
                List<PmDevice> targets = w.pmTargets();
                PmDevice consumer = World.pick(targets, a);
                PmDevice supplier = World.pick(targets, b);
                Set<DeviceLinkFlag> flags = LINK_FLAGS.get(Math.floorMod(c, LINK_FLAGS.size()));
                // managed links between two PCI functions only go with a device; keep them to bare devices
                if (!flags.contains(DeviceLinkFlag.STATELESS) && !w.bare.containsKey(consumer.name())
                        && !w.bare.containsKey(supplier.name())) {
                    flags = EnumSet.copyOf(flags);
                    flags.add(DeviceLinkFlag.STATELESS);
                    flags.remove(DeviceLinkFlag.AUTOREMOVE_CONSUMER);
                    flags.remove(DeviceLinkFlag.AUTOREMOVE_SUPPLIER);
                }
                String text = "pm:link add " + consumer.name() + " " + supplier.name() + " " + flags;
                // device_link_add takes pm_runtime_get_sync on the supplier and, without a link,
                // gives it back with pm_runtime_put_noidle (the get failed: floored at 0) or
                // pm_runtime_put (the link was not made: below 0 before 5.19); which one is not
                // visible here, so the tester stops following a bare supplier's count then
                World.Bare bareSupplier = flags.contains(DeviceLinkFlag.PM_RUNTIME)
                        && flags.contains(DeviceLinkFlag.RPM_ACTIVE) ? w.bare.get(supplier.name()) : null;
                try {
                    Optional<PmDeviceLink> l = devs.linkAdd(consumer, supplier, flags);
                    if (l.isEmpty() && bareSupplier != null) {
                        bareSupplier.expectedUsage = null;
                    }
                    // an existing stateless link gains a reference (kref), which the tester now owns
                    l.ifPresent(link -> {
                        if (link.flags().contains(DeviceLinkFlag.STATELESS) || !w.links.contains(link)) {
                            w.links.add(link);
                        }
                    });
                    return text + " = " + (l.isPresent() ? "linked" : "NULL");
                } catch (IllegalArgumentException e) {
                    if (bareSupplier != null) {
                        bareSupplier.expectedUsage = null;
                    }
                    return text + " refused: " + e.getMessage();
                }
            }
        };

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }

        abstract String run(World w, int a, int b, int c);
    }

    /** The pci:bind recipe through sysfs; what each write returned. */
    static String pciBind(World w, PciDevice d, String drv) {
        String did = echo(w, devicePath(d) + "/driver_override", drv);
        if (d.driver().isPresent()) {
            did += "; " + echo(w, "/sys/bus/pci/drivers/" + d.driver().get() + "/unbind", bdf(d));
        }
        return did + "; " + echo(w, "/sys/bus/pci/drivers/" + drv + "/bind", bdf(d));
    }

    /**
     * An open device fd of the tester's, chosen by {@code a}; with none, it opens one first (on a
     * function bound to vfio-pci, binding one if there is none), saying so in {@code did}.
     */
    static Integer fd(World w, int a, StringBuilder did) {
        if (!w.deviceFds.isEmpty()) {
            return World.pick(w.deviceFds, a);
        }
        List<PciDevice> vfio = w.pci().stream().filter(d -> d.driver().filter("vfio-pci"::equals).isPresent()).toList();
        if (vfio.isEmpty()) {
            List<PciDevice> endpoints = w.pci().stream().filter(d -> !d.isBridge()).toList();
            if (endpoints.isEmpty()) {
                return null;
            }
            did.append(pciBind(w, World.pick(endpoints, a), "vfio-pci")).append("; ");
            vfio = w.pci().stream().filter(d -> d.driver().filter("vfio-pci"::equals).isPresent()).toList();
            if (vfio.isEmpty()) {
                return null;
            }
        }
        PciDevice d = World.pick(vfio, a);
        int fd = w.host.user.open(d.bdf());
        did.append("vfio:open ").append(bdf(d)).append(" = ").append(errno(fd)).append("; ");
        if (fd < 0) {
            return null;
        }
        w.deviceFds.add(fd);
        return fd;
    }

    static RpmCallback failing(int errno) {
        return d -> errno;
    }

    static int region(int c) {
        return List.of(VfioRegion.BAR0, VfioRegion.CONFIG, VfioRegion.ROM, 1).get(Math.floorMod(c, 4));
    }

    static String devicePath(PciDevice d) {
        return "/sys/bus/pci/devices/" + bdf(d);
    }

    static String bdf(PciDevice d) {
        return d.bdf().toString();
    }

    static String errno(int r) {
        return World.errno(r);
    }

    /** One write(2) through the sysfs view: the byte count, or the errno it failed with. */
    static String echo(World w, String path, String text) {
        return write(w.host, path, text);
    }

    static String write(Host h, String path, String text) {
        String shown = "echo " + text.strip() + " > " + path;
        try {
            return shown + " = " + h.sysfs.write(path, text.endsWith("\n") ? text : text + "\n");
        } catch (SysfsException e) {
            return shown + " = -" + Errno.of(-e.errno()).map(Enum::name).orElse(Integer.toString(e.errno()));
        }
    }

    /** Every kind's weight once, in declaration order, for the generator. */
    static int totalWeight() {
        int t = 0;
        for (Kind k : Kind.values()) {
            t += k.weight;
        }
        return t;
    }

    static Kind kindAt(int choice) {
        int left = choice;
        for (Kind k : Kind.values()) {
            if (left < k.weight) {
                return k;
            }
            left -= k.weight;
        }
        throw new IllegalArgumentException("choice beyond the total weight: " + choice);
    }

    static Set<String> names(List<PmDevice> devs) {
        Set<String> s = new LinkedHashSet<>();
        devs.forEach(d -> s.add(d.name()));
        return s;
    }

    static Bdf parse(String bdf) {
        return Bdf.parse(bdf);
    }

    static RuntimePm rpm(World w) {
        return w.host.m.runtimePm();
    }
}
