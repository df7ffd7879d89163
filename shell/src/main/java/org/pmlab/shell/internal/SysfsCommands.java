package org.pmlab.shell.internal;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Machine;
import org.pmlab.sysfs.api.Sysfs;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.sysfs.api.SysfsMirror;
import org.pmlab.sysfs.api.SysfsView;
import org.pmlab.sysfs.api.SysfsWriteException;

/**
 * The {@code sysfs:} scope: the live machine's /sys as cat, echo, ls and tree see it, and its
 * mirror into a real directory. Errors read like the tools' own ("PATH: Permission denied",
 * "write error: Invalid argument"); the script runner puts the statement before them.
 */
@Component(service = SysfsCommands.class, property = {"osgi.command.scope=sysfs",
    CommandCatalog.SCOPE_DESCRIPTION + "=the live machine's /sys as cat, echo, ls and tree see it, and its mirror into a directory",
    "osgi.command.function=cat", "osgi.command.function=echo", "osgi.command.function=ls",
    "osgi.command.function=tree", "osgi.command.function=mirror"})
public final class SysfsCommands {

    private final Steps steps;
    private final Sysfs sysfs;
    private final SysfsMirror mirror;

    @Activate
    public SysfsCommands(@Reference Steps steps, @Reference Sysfs sysfs, @Reference SysfsMirror mirror) {
        this.steps = steps;
        this.sysfs = sysfs;
        this.mirror = mirror;
    }

    private SysfsView view() {
        return sysfs.of(steps.machine());
    }

    static final String PATH = "a path in the modelled /sys (never the host's), e.g. /sys/bus/pci/devices/0000:01:00.0/power_state";

    @Descriptor("print an attribute's content, exactly as cat would")
    @Example("sysfs:cat /sys/bus/pci/devices/0000:01:00.0/power/runtime_status")
    public String cat(@Descriptor(PATH) Args.SysfsPath file) {
        String path = file.text();
        String text = call(() -> view().read(path));
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text; // the shell adds the newline
    }

    @Descriptor("write VALUE and a newline to an attribute, as echo VALUE > PATH does (prints nothing on success)")
    @Example("sysfs:echo auto /sys/bus/pci/devices/0000:01:00.0/power/control")
    public String echo(@Descriptor("the text to write") Args.SysfsValue text, @Descriptor(PATH) Args.SysfsPath file) {
        String path = file.text();
        String value = text.text();
        Machine m = steps.machine();
        int mark = steps.begin(m);
        try {
            sysfs.of(m).write(path, value + "\n");
        } catch (SysfsWriteException e) {
            String log = steps.end(m, mark, null);
            throw new IllegalStateException("write error: " + e.reason()
                    + (log == null ? "" : " (" + log.replace('\n', ' ') + ")"));
        } catch (SysfsException e) {
            throw new IllegalStateException(e.getMessage());
        }
        return steps.end(m, mark, null);
    }

    @Descriptor("list a directory, one name a line; with -l the mode and where links point")
    @Example("sysfs:ls -l /sys/bus/pci/devices/0000:01:00.0/power")
    public String ls(@Parameter(names = {"-l"}, absentValue = "false", presentValue = "true")
            @Descriptor("long format: mode, name, link target") boolean longFormat,
            @Descriptor(PATH) Args.SysfsPath dir) {
        String path = dir.text();
        return call(() -> {
            SysfsView v = view();
            SysfsEntry e = v.stat(path);
            List<SysfsEntry> entries;
            if (e.kind() == SysfsEntry.Kind.ATTRIBUTE || (e.kind() == SysfsEntry.Kind.LINK && longFormat && !path.endsWith("/"))) {
                entries = List.of(new SysfsEntry(path, path, e.kind(), e.mode(), e.target()));
            } else {
                entries = v.list(e.kind() == SysfsEntry.Kind.LINK ? path + "/" : path);
            }
            StringBuilder sb = new StringBuilder();
            for (SysfsEntry x : entries) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(longFormat ? longLine(x) : x.name());
            }
            return sb.toString();
        });
    }

    private static String longLine(SysfsEntry e) {
        return e.modeString() + " " + e.name() + (e.target() == null ? "" : " -> " + e.target());
    }

    @Descriptor("show a directory and everything below it, links not followed")
    @Example("sysfs:tree /sys/bus/pci/drivers/vfio-pci")
    public String tree(@Descriptor(PATH) Args.SysfsPath dir) {
        String path = dir.text();
        return call(() -> {
            SysfsView v = view();
            StringBuilder sb = new StringBuilder(path);
            walk(v, path.endsWith("/") || v.stat(path).kind() != SysfsEntry.Kind.LINK ? path : path + "/", "", sb);
            return sb.toString();
        });
    }

    private static void walk(SysfsView v, String dir, String indent, StringBuilder sb) {
        if (v.stat(dir).kind() != SysfsEntry.Kind.DIRECTORY) {
            return;
        }
        List<SysfsEntry> entries = v.list(dir);
        for (int i = 0; i < entries.size(); i++) {
            SysfsEntry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            sb.append('\n').append(indent).append(last ? "\\-- " : "+-- ").append(e.name());
            if (e.target() != null) {
                sb.append(" -> ").append(e.target());
            }
            if (e.kind() == SysfsEntry.Kind.DIRECTORY) {
                walk(v, e.path(), indent + (last ? "    " : "|   "), sb);
            }
        }
    }

    @Descriptor("mirror the live machine's /sys into a directory as real files; alone, show where it goes")
    public String mirror() {
        return mirror.root().map(r -> "mirroring to " + r.resolve("sys")).orElse("not mirroring");
    }

    @Descriptor("mirror the live machine's /sys into DIR/sys, kept current; 'off' stops")
    @Example("sysfs:mirror /tmp/lab")
    @Example("sysfs:mirror off")
    public String mirror(CommandSession session,
            @Descriptor("a directory outside /sys, /proc and /dev (relative to the shell's directory), or off") Args.HostPath dir) {
        if (dir.text().equals("off")) {
            mirror.stop();
            return null;
        }
        return "mirroring to " + mirror.start(dir.resolve(session)).resolve("sys");
    }

    private interface Call<T> {
        T run();
    }

    /**
     * Runs a read-side call, turning its failure into the one-line message the tool would print
     * after its name ("PATH: No such file or directory"); the script runner names the statement.
     */
    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (SysfsException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
