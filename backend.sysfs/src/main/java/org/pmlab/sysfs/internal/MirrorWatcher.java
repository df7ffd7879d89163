package org.pmlab.sysfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pmlab.machine.api.Machine;
import org.pmlab.sysfs.api.SysfsException;

/**
 * Applies writes that other processes make to mirrored files: a changed file's content is written
 * to the same sysfs path of the live machine, through the same attribute rules. The file is then
 * written again from the model (put back, when the write was refused; the refusal is logged).
 * A file that reads empty is taken as a write still in progress (a shell truncates before it
 * writes) and left alone, as the kernel stores nothing for an empty write. The tree heals as
 * sysfs would look: a file another process creates is removed (sysfs has no such file), and a
 * file or directory it deletes is written again (sysfs files cannot be deleted).
 */
final class MirrorWatcher {

    private final Mirror mirror;
    private final boolean settle;
    private final MirrorListener listener;
    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    MirrorWatcher(Mirror mirror, boolean settle, MirrorListener listener) {
        this.mirror = mirror;
        this.settle = settle;
        this.listener = listener;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::loop, "pmlab-sysfs-mirror-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Called for every directory the mirror creates. */
    void watch(Path dir) {
        try {
            dirs.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE), dir);
        } catch (ClosedWatchServiceException stopped) {
            // the mirror stopped meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loop() {
        while (running) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = dirs.get(key);
            for (WatchEvent<?> ev : key.pollEvents()) {
                if (dir != null && ev.context() instanceof Path name && !name.toString().startsWith(MirrorFiles.TEMP_PREFIX)) {
                    try {
                        if (ev.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                            deleted(dir.resolve(name));
                        } else {
                            changed(dir.resolve(name));
                        }
                    } catch (RuntimeException e) {
                        listener.refused("sysfs mirror: " + dir.resolve(name) + ": " + e.getMessage());
                    }
                }
            }
            if (!key.reset()) {
                dirs.remove(key);
            }
        }
    }

    private void changed(Path file) {
        MirrorFiles files = mirror.files();
        String sysPath = files.sysPath(file);
        String last = sysPath == null ? null : files.lastWritten(sysPath);
        if (sysPath != null && last == null && Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !inModel(sysPath)) {
            mirror.heal(); // a file or directory of another process: sysfs has no such entry
            listener.healed("sysfs mirror: " + sysPath + ": not in sysfs (removed)");
            return;
        }
        if (last == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return; // not an attribute of ours
        }
        String content = read(file);
        if (content == null || content.isEmpty() || content.equals(last)) {
            return; // our own write, or a write not finished yet
        }
        Machine m = mirror.machine();
        View view = new View(() -> m);
        String error = null;
        try {
            view.write(sysPath, content);
        } catch (SysfsException e) {
            error = e.reason();
        }
        if (settle && error == null) {
            m.clock().settle();
        }
        // show the model's value again: the new one, or the old one the refused write left alone
        Node.File node = (Node.File) PathWalk.walk(new Tree(m).root(), sysPath, true).node();
        files.file(sysPath, MirrorSync.content(node), node.mode(), true);
        String device = deviceOf(sysPath);
        if (device != null) {
            mirror.refresh(device);
        }
        if (error == null) {
            listener.applied(sysPath, content);
        } else {
            String line = "sysfs mirror: " + sysPath + ": write error: " + error + " (file put back)";
            m.log().print(line);
            listener.refused(line);
        }
    }

    /** Another process deleted a mirrored entry: write it again (a sysfs file cannot be deleted). */
    private void deleted(Path file) {
        MirrorFiles files = mirror.files();
        String sysPath = files.sysPath(file);
        if (sysPath == null || Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !inModel(sysPath)) {
            return; // back already (a rebuild), or gone from the model too (our own prune)
        }
        files.forgetUnder(sysPath);
        mirror.heal();
        listener.healed("sysfs mirror: " + sysPath + ": deleted (restored)");
    }

    private boolean inModel(String sysPath) {
        try {
            PathWalk.walk(new Tree(mirror.machine()).root(), sysPath, false);
            return true;
        } catch (SysfsException notThere) {
            return false;
        }
    }

    /** At most a page and one byte: more is refused by the attribute anyway. */
    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(View.PAGE_SIZE + 1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // gone or not readable meanwhile
        }
    }

    /** The device whose directory holds the file: the last BDF on its canonical path. */
    private static String deviceOf(String sysPath) {
        String device = null;
        for (String c : SysPaths.split(sysPath)) {
            if (c.matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]")) {
                device = c;
            }
        }
        return device;
    }

}
