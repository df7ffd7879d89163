package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.pmlab.pci.api.Bdf;
import org.pmlab.pci.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Machine;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioUser;

/**
 * The one user process of vfio-pci on a machine: its file descriptor table and the system calls
 * it makes on device fds, each routed through the era's wrapping.
 */
final class VfioUserImpl implements VfioUser {

    private static final int EBADF = Errno.EBADF.negative();
    private static final int FIRST_FD = 3; // 0-2 are stdin, stdout and stderr

    private final VfioPciDriver drv;
    /** fd to device; guarded by itself for allocation, read freely. */
    private final TreeMap<Integer, CoreDevice> fds = new TreeMap<>();
    private final Map<Integer, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicInteger nextHold = new AtomicInteger(1);

    private record Hold(CoreDevice device, boolean pmRef) {
    }

    VfioUserImpl(VfioPciDriver drv) {
        this.drv = drv;
    }

    @Override
    public Machine machine() {
        return drv.machine;
    }

    @Override
    public List<VfioDeviceInfo> devices() {
        List<VfioDeviceInfo> out = new ArrayList<>();
        for (CoreDevice v : drv.devicesInOrder()) {
            if (v.registered) {
                out.add(info(v));
            }
        }
        return out;
    }

    @Override
    public Optional<VfioDeviceInfo> info(Bdf bdf) {
        CoreDevice v = drv.devices.get(bdf.toString());
        return v == null || !v.registered ? Optional.empty() : Optional.of(info(v));
    }

    private static VfioDeviceInfo info(CoreDevice v) {
        DeviceSet set = v.devSet;
        return new VfioDeviceInfo(v.pdev.bdf(), set == null ? "-" : set.id, v.openCount, v.needsReset, v.resetWorks,
                v.pdev.currentState(), v.disableIdleD3, v.needsPmRestore, v.irqType, v.intxMasked, v.pmIntxMasked,
                v.pmRuntimeEngaged, v.sriovActive);
    }

    @Override
    public List<Integer> fds(Bdf bdf) {
        List<Integer> out = new ArrayList<>();
        synchronized (fds) {
            fds.forEach((fd, v) -> {
                if (v.pdev.bdf().equals(bdf)) {
                    out.add(fd);
                }
            });
        }
        return out;
    }

    @Override
    public Optional<Bdf> device(int fd) {
        return Optional.ofNullable(lookup(fd)).map(v -> v.pdev.bdf());
    }

    private CoreDevice lookup(int fd) {
        synchronized (fds) {
            return fds.get(fd);
        }
    }

    @Override
    public int open(Bdf bdf) {
        CoreDevice v = drv.devices.get(bdf.toString());
        if (v == null || !v.registered) {
            return Errno.ENODEV.negative();
        }
        int ret = drv.openClose.open(v);
        if (ret != 0) {
            return ret;
        }
        synchronized (fds) {
            if (v.registered) {
                int fd = FIRST_FD;
                while (fds.containsKey(fd)) {
                    fd++;
                }
                fds.put(fd, v);
                return fd;
            }
        }
        drv.openClose.close(v); // unbound while opening: give the open back
        return Errno.ENODEV.negative();
    }

    @Override
    public int close(int fd) {
        CoreDevice v;
        synchronized (fds) {
            v = fds.remove(fd);
        }
        if (v == null) {
            return EBADF;
        }
        drv.openClose.close(v);
        return 0;
    }

    /** The device is being unbound: no new fd, and the user closes every fd it has on it (and ends its accesses). */
    void revoke(CoreDevice v) {
        synchronized (fds) {
            v.registered = false;
        }
        for (Map.Entry<Integer, Hold> h : new ArrayList<>(holds.entrySet())) {
            if (h.getValue().device() == v) {
                releaseMemoryLock(h.getKey());
            }
        }
        for (int fd : fds(v.pdev.bdf())) {
            close(fd);
        }
    }

    @Override
    public int getInfo(int fd) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.ioctl(v, () -> 0);
    }

    @Override
    public int reset(int fd) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.ioctl(v, () -> drv.deviceReset(v));
    }

    @Override
    public int hotReset(int fd) {
        CoreDevice v = lookup(fd);
        if (v == null) {
            return EBADF;
        }
        Set<Bdf> all = new HashSet<>();
        for (CoreDevice m : v.devSet.members) {
            all.add(m.pdev.bdf());
        }
        return hotReset(fd, all);
    }

    @Override
    public int hotReset(int fd, Set<Bdf> owned) {
        CoreDevice v = lookup(fd);
        Set<Bdf> groups = Set.copyOf(owned);
        return v == null ? EBADF : drv.access.ioctl(v, () -> drv.hotReset.ioctl(v, groups));
    }

    @Override
    public int setIrqs(int fd, IrqType type) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.ioctl(v, () -> drv.intx.setIrqs(v, type));
    }

    @Override
    public int maskIntx(int fd, boolean masked) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.ioctl(v, () -> drv.intx.userMask(v, masked));
    }

    @Override
    public int lowPowerEntry(int fd) {
        CoreDevice v = lookup(fd);
        if (v == null) {
            return EBADF;
        }
        return drv.access.ioctl(v, () -> drv.era.hasLowPowerFeature() ? drv.lowPower.entry(v)
                : Errno.ENOTTY.negative()); // an unknown VFIO_DEVICE_FEATURE
    }

    @Override
    public int lowPowerExit(int fd) {
        CoreDevice v = lookup(fd);
        if (v == null) {
            return EBADF;
        }
        return drv.access.ioctl(v, () -> {
            if (!drv.era.hasLowPowerFeature()) {
                return Errno.ENOTTY.negative();
            }
            drv.lowPower.exit(v);
            return 0;
        });
    }

    @Override
    public int regionRead(int fd, int index) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.region(v, index);
    }

    @Override
    public int regionWrite(int fd, int index) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.region(v, index);
    }

    @Override
    public int writePowerState(int fd, PowerState state) {
        CoreDevice v = lookup(fd);
        return v == null ? EBADF : drv.access.pmcsrWrite(v, state);
    }

    @Override
    public int holdMemoryLock(int fd) {
        CoreDevice v = lookup(fd);
        if (v == null) {
            return EBADF;
        }
        boolean pmRef = drv.era.wrapsDeviceAccess();
        if (pmRef) {
            int ret = drv.rpm.resumeAndGet(v.pm());
            if (ret != 0) {
                drv.log(v.pdev, "runtime resume failed " + ret);
                return Errno.EIO.negative();
            }
        }
        Locks.acquire(v.memoryLock.readLock(), "memory_lock of " + v.name);
        if (!drv.access.memoryEnabled(v)) {
            v.memoryLock.readLock().unlock();
            if (pmRef) {
                drv.rpm.put(v.pm());
            }
            return Errno.EIO.negative();
        }
        int token = nextHold.getAndIncrement();
        holds.put(token, new Hold(v, pmRef));
        return token;
    }

    @Override
    public int releaseMemoryLock(int token) {
        Hold h = holds.remove(token);
        if (h == null) {
            return EBADF;
        }
        h.device().memoryLock.readLock().unlock();
        if (h.pmRef()) {
            drv.rpm.put(h.device().pm());
        }
        return 0;
    }
}
