package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.MmapAccess;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioFeature;
import org.pmlab.vfio.api.VfioUser;

/**
 * The one user process of vfio-pci on a machine: its file descriptor table (device files and
 * eventfds), its BAR mappings, and the system calls it makes, each device call routed through
 * the era's wrapping. A device call on an eventfd gets what the eventfd file answers.
 */
final class VfioUserImpl implements VfioUser {

    private static final int EBADF = Errno.EBADF.negative();
    /** A device ioctl on an eventfd: it has no ioctl operation. */
    private static final int ENOTTY = Errno.ENOTTY.negative();
    /** {@code -ESPIPE}: pread/pwrite on an eventfd, which lacks FMODE_PREAD (not in Errno yet). */
    private static final int ESPIPE = Errno.ESPIPE.negative();
    /** mmap on an eventfd: it has no mmap operation. */
    private static final int ENODEV = Errno.ENODEV.negative();

    private final VfioPciDriver drv;
    final FdTable files = new FdTable();
    private final Map<Integer, Vma> maps = new ConcurrentHashMap<>();
    private final AtomicInteger nextMap = new AtomicInteger(1);
    private final Map<Integer, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicInteger nextHold = new AtomicInteger(1);

    /** A BAR access in flight: the device, whether it holds a runtime PM reference, and the file its system call holds. */
    private record Hold(CoreDevice device, boolean pmRef, DeviceFile file) {
    }

    VfioUserImpl(VfioPciDriver drv) {
        this.drv = drv;
    }

    @Override
    public void setDisableIdleD3(boolean value) {
        drv.writeDisableIdleD3(value);
    }

    @Override
    public boolean disableIdleD3() {
        return drv.moduleParameter();
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
        CoreDevice v = drv.core(bdf);
        return v == null || !v.registered ? Optional.empty() : Optional.of(info(v));
    }

    private static VfioDeviceInfo info(CoreDevice v) {
        DeviceSet set = v.devSet;
        return new VfioDeviceInfo(v.pdev.bdf(), set == null ? "-" : set.id, v.openCount, v.needsReset, v.resetWorks,
                v.pdev.currentState(), v.disableIdleD3, v.needsPmRestore, v.irqType(), v.intxMasked, v.pmIntxMasked,
                v.pmRuntimeEngaged, v.sriovActive, v.pmWakeEventfd != null);
    }

    @Override
    public List<Integer> fds(Bdf bdf) {
        CoreDevice v = drv.core(bdf);
        return v == null ? List.of() : files.fdsOf(v);
    }

    @Override
    public Optional<Bdf> device(int fd) {
        return Optional.ofNullable(files.device(fd)).map(f -> f.device.pdev.bdf());
    }

    /**
     * A device call: -EBADF for a closed fd, {@code onEventfd} for an eventfd. The call holds the
     * file until it returns (fdget/fdput), so a close of the fd meanwhile only drops the table's
     * reference and the device is released when the call ends ({@code vfio_device_fops_release}
     * runs on the last fput).
     */
    private int onDevice(int fd, int onEventfd, ToIntFunction<CoreDevice> call) {
        OpenFile f = files.fdget(fd);
        if (f == null) {
            return EBADF;
        }
        if (f instanceof DeviceFile d) {
            try {
                return call.applyAsInt(d.device);
            } finally {
                release(d);
            }
        }
        return onEventfd;
    }

    /** A device ioctl, wrapped in the era's runtime PM get/put. */
    private int ioctl(int fd, ToIntFunction<CoreDevice> body) {
        return onDevice(fd, ENOTTY, v -> drv.access.ioctl(v, () -> body.applyAsInt(v)));
    }

    @Override
    public int open(Bdf bdf) {
        CoreDevice v = drv.core(bdf);
        if (v == null || !v.registered) {
            return Errno.ENODEV.negative();
        }
        int ret = drv.openClose.open(v);
        if (ret != 0) {
            return ret;
        }
        synchronized (files) {
            if (v.registered) {
                return files.install(new DeviceFile(v));
            }
        }
        drv.openClose.close(v); // unbound while opening: give the open back
        return Errno.ENODEV.negative();
    }

    @Override
    public int close(int fd) {
        OpenFile f = files.remove(fd);
        if (f == null) {
            return EBADF;
        }
        if (f instanceof DeviceFile d) {
            release(d);
        } else if (f instanceof EventFile e) {
            e.ctx().put();
        }
        return 0;
    }

    /** Drops one reference of a device file; the last one closes the device. */
    private void release(DeviceFile d) {
        if (files.drop(d)) {
            drv.openClose.close(d.device);
        }
    }

    /**
     * The device is being unbound: no new fd, and the user gives up everything it has on it
     * (accesses in flight, mappings, fds), as it answers vfio's request to release the device.
     */
    void revoke(CoreDevice v) {
        synchronized (files) {
            v.registered = false;
        }
        for (Map.Entry<Integer, Hold> h : new ArrayList<>(holds.entrySet())) {
            if (h.getValue().device() == v) {
                releaseMemoryLock(h.getKey());
            }
        }
        for (Map.Entry<Integer, Vma> m : new ArrayList<>(maps.entrySet())) {
            if (m.getValue().device() == v) {
                munmap(m.getKey());
            }
        }
        for (int fd : files.fdsOf(v)) {
            close(fd);
        }
    }

    @Override
    public int getInfo(int fd) {
        return ioctl(fd, v -> 0);
    }

    @Override
    public int reset(int fd) {
        return ioctl(fd, drv::deviceReset);
    }

    @Override
    public int hotReset(int fd) {
        DeviceFile d = files.device(fd);
        if (d == null) {
            return hotReset(fd, Set.of());
        }
        Set<Bdf> all = new HashSet<>();
        for (CoreDevice m : d.device.devSet.members) {
            all.add(m.pdev.bdf());
        }
        return hotReset(fd, all);
    }

    @Override
    public int hotReset(int fd, Set<Bdf> owned) {
        Set<Bdf> groups = Set.copyOf(owned);
        return ioctl(fd, v -> drv.hotReset.ioctl(v, groups));
    }

    @Override
    public int setIrqs(int fd, IrqType type) {
        return ioctl(fd, v -> drv.intx.setIrqs(v, type));
    }

    @Override
    public int maskIntx(int fd, boolean masked) {
        return ioctl(fd, v -> drv.intx.userMask(v, masked));
    }

    @Override
    public int lowPowerEntry(int fd) {
        return deviceFeature(fd, VfioFeature.HEADER_SIZE, VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY, new byte[0]);
    }

    @Override
    public int lowPowerExit(int fd) {
        return deviceFeature(fd, VfioFeature.HEADER_SIZE, VfioFeature.SET | VfioFeature.LOW_POWER_EXIT, new byte[0]);
    }

    @Override
    public int lowPowerEntryWithWakeup(int fd, int eventfd) {
        return deviceFeature(fd, VfioFeature.HEADER_SIZE + VfioFeature.WAKEUP_PAYLOAD_SIZE,
                VfioFeature.SET | VfioFeature.LOW_POWER_ENTRY_WITH_WAKEUP, VfioFeature.wakeupPayload(eventfd));
    }

    @Override
    public int deviceFeature(int fd, int argsz, int flags, byte[] data) {
        byte[] user = data == null ? null : data.clone();
        return ioctl(fd, v -> drv.features.ioctl(v, argsz, flags, user));
    }

    @Override
    public int eventfd() {
        return files.install(new EventFile(new EventFdCtx()));
    }

    @Override
    public long eventfdCount(int fd) {
        OpenFile f = files.get(fd);
        if (f == null) {
            return EBADF;
        }
        return f instanceof EventFile e ? e.ctx().count() : Errno.EINVAL.negative();
    }

    /** The context behind an eventfd, for tests that check its references. */
    EventFdCtx eventfdCtx(int fd) {
        return files.get(fd) instanceof EventFile e ? e.ctx() : null;
    }

    @Override
    public int mmap(int fd, int index) {
        OpenFile f = files.fdget(fd);
        if (f == null) {
            return EBADF;
        }
        if (!(f instanceof DeviceFile d)) {
            return ENODEV;
        }
        int ret = drv.maps.checkMmap(d.device, index);
        if (ret != 0) {
            release(d);
            return ret;
        }
        // the mapping keeps the system call's reference (vma->vm_file)
        int map = nextMap.getAndIncrement();
        maps.put(map, new Vma(d, index));
        return map;
    }

    @Override
    public MmapAccess mmapAccess(int map) {
        Vma vma = maps.get(map);
        return vma == null ? MmapAccess.SIGSEGV : drv.maps.access(vma);
    }

    @Override
    public int munmap(int map) {
        Vma vma = maps.remove(map);
        if (vma != null) {
            drv.maps.unmap(vma);
            release(vma.file);
        }
        return 0;
    }

    @Override
    public int regionRead(int fd, int index) {
        return onDevice(fd, ESPIPE, v -> drv.access.region(v, index));
    }

    @Override
    public int regionWrite(int fd, int index) {
        return onDevice(fd, ESPIPE, v -> drv.access.region(v, index));
    }

    @Override
    public int writePowerState(int fd, PowerState state) {
        return onDevice(fd, ESPIPE, v -> drv.access.pmcsrWrite(v, state));
    }

    /** BAR accesses in flight on a device that hold a runtime PM reference (6.1+). */
    int accessesHoldingPm(CoreDevice v) {
        int n = 0;
        for (Hold h : holds.values()) {
            if (h.device() == v && h.pmRef()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The access is a system call on the fd, which holds the file (fdget) until it returns: a
     * close of the fd meanwhile only drops the table's reference, and the device is released
     * when the access ends, as {@code vfio_device_fops_release} runs on the last fput.
     */
    @Override
    public int holdMemoryLock(int fd) {
        OpenFile f = files.fdget(fd);
        if (f == null) {
            return EBADF;
        }
        if (!(f instanceof DeviceFile d)) {
            return ESPIPE; // what an eventfd answers
        }
        // the access in flight keeps the system call's reference until it ends
        int token = hold(d.device, d);
        if (token < 0) {
            release(d);
        }
        return token;
    }

    private int hold(CoreDevice v, DeviceFile file) {
        boolean pmRef = drv.era.wrapsDeviceAccess();
        if (pmRef) {
            int ret = drv.rpm.resumeAndGet(v.pm());
            if (ret != 0) {
                drv.log(v.pdev, "runtime resume failed " + ret);
                return Errno.EIO.negative();
            }
        }
        Locks.acquire(v.memoryRead(), "memory_lock", v);
        if (!drv.access.memoryEnabled(v)) {
            v.memoryRead().unlock();
            if (pmRef) {
                drv.rpm.put(v.pm());
            }
            return Errno.EIO.negative();
        }
        int token = nextHold.getAndIncrement();
        v.accessBegins();
        holds.put(token, new Hold(v, pmRef, file));
        return token;
    }

    @Override
    public int releaseMemoryLock(int token) {
        Hold h = holds.remove(token);
        if (h == null) {
            return EBADF;
        }
        h.device().accessEnds();
        h.device().memoryRead().unlock();
        if (h.pmRef()) {
            drv.rpm.put(h.device().pm());
        }
        release(h.file());
        return 0;
    }
}
