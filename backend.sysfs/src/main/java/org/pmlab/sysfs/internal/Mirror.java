package org.pmlab.sysfs.internal;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sysfs.api.SysfsException;

/**
 * One running mirror: the live machine's tree written under {@code ROOT/sys}, brought up to date
 * by a worker thread after model events (only the files of the devices an event names, and only
 * what changed), rebuilt when a new machine boots; and writes by other processes applied through
 * {@link MirrorWatcher}.
 */
final class Mirror {

    /** What the worker has to do; events add to it, the worker drains it. Guarded by this. */
    private boolean rebuild;
    private boolean full;
    private boolean drivers;
    private final Set<String> devices = new LinkedHashSet<>();
    private long requested;
    private long done;

    private final Supplier<Machine> machine;
    private final MirrorFiles files;
    private final MirrorWatcher watcher;
    private final Thread worker;
    private final MirrorListener listener;
    private volatile long machineId = -1;
    private volatile boolean running = true;
    /** Whole-tree syncs retried in a row after the tree changed under one (worker thread only). */
    private int retries;
    private static final int MAX_RETRIES = 20;

    /**
     * @param root the checked real root ({@link MirrorRoot#resolve})
     * @param settle whether an applied outside write lets simulated time run, as a shell step does
     * @param listener told of applied and refused outside writes and of failed updates
     */
    Mirror(Path root, Supplier<Machine> machine, boolean settle, MirrorListener listener) {
        this.machine = machine;
        this.listener = listener;
        this.watcher = new MirrorWatcher(this, settle, listener);
        this.files = new MirrorFiles(root, watcher::watch);
        synchronized (this) {
            rebuild = true;
            requested++;
        }
        this.worker = new Thread(this::work, "pmlab-sysfs-mirror");
        worker.setDaemon(true);
        worker.start();
        watcher.start();
    }

    Path root() {
        return files.root();
    }

    MirrorFiles files() {
        return files;
    }

    Machine machine() {
        return machine.get();
    }

    /**
     * Stops watching and updating, after one last update of everything that changed, so the files
     * left behind show the model as it was at the end (events still in flight are not waited for).
     * Stopping again does nothing.
     */
    void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            notifyAll();
        }
        watcher.stop();
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sync(false, true, false, Set.of());
        } catch (RuntimeException e) {
            listener.refused("sysfs mirror: last update failed: " + MirrorRoot.reason(e));
        }
    }

    /** An Event Admin event: schedules the files it may have changed. */
    void onEvent(String topic, Map<String, ?> props) {
        Object m = props.get(ModelEvents.MACHINE);
        synchronized (this) {
            if (topic.equals(ModelEvents.MACHINE_BOOT)) {
                rebuild = true;
            } else if (m instanceof Long id && id != liveId()) {
                return; // another machine (one booted for a comparison)
            } else if (topic.equals(ModelEvents.PCI_ADD) || topic.equals(ModelEvents.PCI_REMOVE)
                    || topic.equals(ModelEvents.FIRMWARE_SWAP)) {
                full = true;
            } else {
                if (topic.equals(ModelEvents.PCI_BIND) || topic.equals(ModelEvents.PCI_UNBIND)) {
                    drivers = true;
                }
                Object dev = props.get(ModelEvents.DEVICE);
                if (dev == null) {
                    return;
                }
                devices.add(dev.toString());
            }
            requested++;
            notifyAll();
        }
    }

    /** The live machine's id now (not the last one written: an event may come while the first writing is under way). */
    private long liveId() {
        try {
            return machine.get().id();
        } catch (IllegalStateException noLab) {
            return machineId;
        }
    }

    /** Schedules a sync of the whole tree, which writes what is missing and prunes what is not the model's. */
    synchronized void heal() {
        full = true;
        requested++;
        notifyAll();
    }

    /** Schedules one device's files (after an outside write, which may post no event of its own). */
    synchronized void refresh(String device) {
        devices.add(device);
        requested++;
        notifyAll();
    }

    /**
     * Waits until everything scheduled before this call is on disk. Returns false on timeout.
     */
    boolean awaitSynced(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            long target = requested;
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private void work() {
        while (running) {
            boolean doRebuild;
            boolean doFull;
            boolean doDrivers;
            Set<String> devs;
            long target;
            synchronized (this) {
                while (running && done == requested) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                doRebuild = rebuild;
                doFull = full;
                doDrivers = drivers;
                devs = new LinkedHashSet<>(devices);
                rebuild = full = drivers = false;
                devices.clear();
                target = requested;
            }
            try {
                sync(doRebuild, doFull, doDrivers, devs);
                retries = 0;
            } catch (RuntimeException e) {
                if (changedUnderneath(e) && retries < MAX_RETRIES) {
                    // another process (say rm -rf) is still deleting where we write: once it is done,
                    // a whole-tree sync writes what is missing; those waiting wait for that one
                    retries++;
                    synchronized (this) {
                        full = true;
                    }
                    continue;
                }
                retries = 0;
                listener.refused("sysfs mirror: update failed: " + MirrorRoot.reason(e));
            }
            synchronized (this) {
                done = target;
                notifyAll();
            }
        }
    }

    /** A file or directory vanished (or appeared) between our check and our write. */
    private static boolean changedUnderneath(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException || t instanceof DirectoryNotEmptyException
                    || t instanceof FileAlreadyExistsException) {
                return true;
            }
        }
        return false;
    }

    private void sync(boolean doRebuild, boolean doFull, boolean doDrivers, Set<String> devs) {
        Machine m = machine.get();
        MirrorSync sync = new MirrorSync(new Tree(m), files);
        if (doRebuild || m.id() != machineId) {
            files.clear();
            machineId = m.id();
            sync.all();
            return;
        }
        if (doFull) {
            sync.all();
            return;
        }
        if (doDrivers) {
            sync.subtree(DevicePaths.DRIVERS, true);
        }
        Set<String> paths = new HashSet<>();
        for (String name : devs) {
            device(m, name).ifPresent(d -> {
                paths.add(DevicePaths.path(d));
                DevicePaths.parentDevice(d).ifPresent(p -> paths.add(DevicePaths.path(p))); // its active_kids
            });
        }
        for (String p : paths) {
            try {
                sync.subtree(p, false);
            } catch (SysfsException gone) {
                // removed meanwhile: the PCI_REMOVE event brings a full sync
            }
        }
    }

    private static Optional<PciDevice> device(Machine m, String name) {
        try {
            Bdf bdf = Bdf.parse(name);
            return m.pci().find(bdf);
        } catch (IllegalArgumentException notPci) {
            return Optional.empty(); // e.g. the host bridge's pci0000:00
        }
    }
}
