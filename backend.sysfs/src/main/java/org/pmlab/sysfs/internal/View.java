package org.pmlab.sysfs.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmlab.machine.api.Machine;
import org.pmlab.pm.api.Errno;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsView;

/**
 * A machine's /sys as system calls see it: {@code lstat}, {@code readdir}, {@code open+read},
 * {@code open+write}, {@code readlink}. Every call builds the tree of the machine the supplier
 * gives at that moment, so it reads and writes the model itself.
 */
final class View implements SysfsView {

    /** sysfs attribute writes are one page at most (kernfs atomic_write_len). */
    static final int PAGE_SIZE = 4096;

    private final Supplier<Machine> machine;

    View(Supplier<Machine> machine) {
        this.machine = machine;
    }

    private Node.Dir root() {
        return new Tree(machine.get()).root();
    }

    @Override
    public SysfsEntry stat(String path) {
        PathWalk.Found f = PathWalk.walk(root(), path, false);
        return entry(f.node(), SysPaths.normalize(path));
    }

    @Override
    public List<SysfsEntry> list(String path) {
        PathWalk.Found f = PathWalk.walk(root(), path, true);
        if (!(f.node() instanceof Node.Dir dir)) {
            throw Err.at(path, Err.ENOTDIR);
        }
        String base = SysPaths.normalize(path);
        List<SysfsEntry> out = new ArrayList<>();
        for (Node n : dir.entries().get()) {
            out.add(entry(n, base + "/" + n.name()));
        }
        out.sort(Comparator.comparing(SysfsEntry::name));
        return out;
    }

    @Override
    public String read(String path) {
        PathWalk.Found f = PathWalk.walk(root(), path, true);
        if (f.node() instanceof Node.Dir) {
            throw Err.at(path, Err.EISDIR);
        }
        Node.File file = (Node.File) f.node();
        if (file.show() == null) {
            throw Err.at(path, Errno.EACCES); // kernfs refuses to open it for reading
        }
        try {
            return file.show().get();
        } catch (Err.Fail e) {
            throw Err.at(path, e.errno);
        }
    }

    @Override
    public int write(String path, String text) {
        PathWalk.Found f = PathWalk.walk(root(), path, true);
        if (f.node() instanceof Node.Dir) {
            throw Err.at(path, Err.EISDIR);
        }
        Node.File file = (Node.File) f.node();
        if (file.store() == null) {
            throw Err.at(path, Errno.EACCES); // kernfs refuses to open it for writing
        }
        int count = DeviceAttributes.count(text);
        if (count == 0) {
            return 0; // sysfs_kf_write: nothing to store
        }
        if (count > PAGE_SIZE) {
            throw Err.writing(path, Errno.E2BIG.code());
        }
        int r = file.store().store(text);
        traceWrite(path, text, r);
        if (r < 0) {
            throw Err.writing(path, r);
        }
        return r;
    }

    private static final Pattern BDF = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\p{XDigit}");

    /**
     * A pmlab trace event for a write that reached an attribute's store (the kernel traces none),
     * on the device the path or, for a driver's bind/unbind file, the written text names.
     */
    private void traceWrite(String path, String text, int result) {
        Machine m = machine.get();
        if (!m.trace().observed()) {
            return;
        }
        String normalized = SysPaths.normalize(path);
        String device = "-";
        Matcher inPath = BDF.matcher(normalized);
        while (inPath.find()) {
            device = inPath.group();
        }
        Matcher inText = BDF.matcher(text);
        if (device.equals("-") && inText.find()) {
            device = inText.group();
        }
        String value = text.strip();
        m.trace().emit("sysfs_write", device, normalized + " <- '" + value + "' = " + result);
    }

    @Override
    public String readlink(String path) {
        PathWalk.Found f = PathWalk.walk(root(), path, false);
        if (!(f.node() instanceof Node.Link link)) {
            throw Err.at(path, Errno.EINVAL);
        }
        return link.target();
    }

    static SysfsEntry entry(Node n, String path) {
        if (n instanceof Node.Dir d) {
            return new SysfsEntry(d.name(), path, SysfsEntry.Kind.DIRECTORY, 0755, null);
        }
        if (n instanceof Node.Link l) {
            return new SysfsEntry(l.name(), path, SysfsEntry.Kind.LINK, 0777, l.target());
        }
        Node.File f = (Node.File) n;
        return new SysfsEntry(f.name(), path, SysfsEntry.Kind.ATTRIBUTE, f.mode(), null);
    }
}
