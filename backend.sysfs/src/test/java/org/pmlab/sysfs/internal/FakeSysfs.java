package org.pmlab.sysfs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds sysfs trees for import tests in a directory: a captured tree from test resources
 * (files plus links.txt), or a hand-made one function at a time with a synthetic config space.
 */
final class FakeSysfs {

    final Path root;

    FakeSysfs(Path root) {
        this.root = root;
    }

    /** Copies {@code hosts/NAME} from the test resources and recreates the links listed in its links.txt. */
    static FakeSysfs captured(String name, Path into) throws IOException {
        Path from;
        try {
            from = Path.of(FakeSysfs.class.getResource("/hosts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(into.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, into.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        for (String line : Files.readAllLines(from.resolve("links.txt"))) {
            String[] parts = line.split(" -> ");
            Path link = into.resolve(parts[0]);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(parts[1]));
        }
        return new FakeSysfs(into);
    }

    /**
     * Adds a function below {@code parentDir} ("devices/pci0000:00" or another function's
     * directory), with its bus link, and returns its directory.
     */
    Path function(String parentDir, String bdf, String cls, String vendor, String device, byte[] config,
            Map<String, String> attrs) {
        try {
            Path dir = root.resolve(parentDir).resolve(bdf);
            Files.createDirectories(dir.resolve("power"));
            Map<String, String> all = new TreeMap<>(Map.of("class", cls + "\n", "vendor", vendor + "\n",
                    "device", device + "\n", "power_state", "D0\n", "d3cold_allowed", "1\n", "power/control", "auto\n"));
            all.putAll(attrs);
            for (Map.Entry<String, String> e : all.entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
            Files.write(dir.resolve("config"), config);
            Path busLink = root.resolve("bus/pci/devices").resolve(bdf);
            Files.createDirectories(busLink.getParent());
            Files.createSymbolicLink(busLink, busLink.getParent().relativize(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void link(Path at, String target) {
        try {
            Files.createSymbolicLink(at, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void file(String rel, String content) {
        try {
            Files.createDirectories(root.resolve(rel).getParent());
            Files.writeString(root.resolve(rel), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration space: header, then capabilities chained from 0x40. */
    static final class Config {
        private final byte[] b = new byte[4096];
        private int next = 0x40;
        private int lastCap = -1;

        Config(int vendor, int device, int cls, int headerType) {
            w16(0, vendor);
            w16(2, device);
            b[0x09] = (byte) cls;
            b[0x0a] = (byte) (cls >> 8);
            b[0x0b] = (byte) (cls >> 16);
            b[0x0e] = (byte) headerType;
        }

        private int cap(int id, int size) {
            int at = next;
            b[at] = (byte) id;
            if (lastCap < 0) {
                w16(0x06, 0x10); // Status: Capabilities List
                b[0x34] = (byte) at;
            } else {
                b[lastCap + 1] = (byte) at;
            }
            lastCap = at;
            next += size;
            return at;
        }

        /** PM capability: PMC with D1/D2 and the PME mask (bit 0 = D0 ... bit 4 = D3cold), PMCSR NoSoftRst. */
        Config pm(boolean d1, boolean d2, int pmeMask, boolean noSoftReset) {
            int at = cap(ConfigHeader.CAP_PM, 8);
            w16(at + 2, 3 | (d1 ? 0x200 : 0) | (d2 ? 0x400 : 0) | pmeMask << 11);
            w16(at + 4, noSoftReset ? 0x8 : 0);
            return this;
        }

        /** PCI Express capability of the given Device/Port Type. */
        Config exp(int type, boolean slot, boolean flr, boolean hotplug) {
            int at = cap(ConfigHeader.CAP_EXP, 0x3c);
            w16(at + 2, 2 | type << 4 | (slot ? 0x100 : 0));
            w32(at + 4, flr ? 1 << 28 : 0);
            w32(at + 0x14, hotplug ? 0x40 : 0);
            return this;
        }

        /** A vendor-specific capability, to be walked past. */
        Config vendorCap() {
            cap(0x09, 0x10);
            return this;
        }

        byte[] bytes(int length) {
            return java.util.Arrays.copyOf(b, length);
        }

        private void w16(int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >> 8);
        }

        private void w32(int at, int v) {
            w16(at, v);
            w16(at + 2, v >>> 16);
        }
    }
}
