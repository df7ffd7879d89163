package org.pmlab.itest;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sysfs.api.SysfsMirror;

/** The sysfs mirror configured through Config Admin follows the live machine: a bind shows up as files. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SysfsMirrorTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    private Lab lab;
    @Inject
    private ConfigurationAdmin cm;
    @Inject
    private SysfsMirror mirror;

    @Configuration
    public Option[] config() {
        return new Option[] {PmlabOptions.launcher()};
    }

    @After
    public void off() throws IOException {
        cm.getConfiguration(SysfsMirror.PID, "?").delete();
    }

    @Test
    public void aBindOnTheLiveMachineAppearsInTheMirror() throws Exception {
        Path root = Files.createTempDirectory("pmlab-mirror");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("root", root.toString());
        cm.getConfiguration(SysfsMirror.PID, "?").update(p);

        Path dev = root.resolve("sys/bus/pci/devices/0000:01:00.0");
        awaitContent(dev.resolve("power_state"), "unknown\n");
        assertEquals(root.toRealPath(), mirror.root().orElseThrow());

        Machine m = lab.live();
        assertEquals(0, m.pci().setDriverOverride(GPU, "vfio-pci"));
        assertEquals(0, m.pci().bind(GPU, "vfio-pci"));
        m.clock().settle();

        awaitContent(dev.resolve("power_state"), "D3cold\n");
        awaitContent(root.resolve("sys/bus/pci/devices/0000:00:01.0/power_state"), "D3cold\n");
        awaitContent(dev.resolve("driver"), "-> ../../../../bus/pci/drivers/vfio-pci");
        awaitContent(root.resolve("sys/bus/pci/drivers/vfio-pci/0000:01:00.0"),
                "-> ../../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0");
        assertEquals("vfio-pci\n", Files.readString(dev.resolve("driver_override")));
    }

    /** A file's text, "-> TARGET" for a link, null when there is nothing there. */
    private static String content(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return "-> " + Files.readSymbolicLink(p);
        }
        return Files.isRegularFile(p) ? Files.readString(p) : null;
    }

    /**
     * The path with every link on it replaced by where it points, whether or not that exists yet
     * (the mirror writes a link before the directory it leads to).
     */
    private static Path withoutLinks(Path p) throws IOException {
        Path cur = p.getRoot();
        for (Path name : p) {
            Path next = cur.resolve(name);
            cur = Files.isSymbolicLink(next) ? withoutLinks(cur.resolve(Files.readSymbolicLink(next)).normalize()) : next;
        }
        return cur;
    }

    /**
     * Waits, on file-system events, until the file holds the text: the mirror writes on its own
     * thread after Event Admin delivered the model's events.
     */
    private static void awaitContent(Path file, String expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            while (true) {
                Path dir = withoutLinks(file).getParent();
                while (!Files.isDirectory(dir)) {
                    dir = dir.getParent();
                }
                // watch first, then look: a change between the two still wakes the poll below
                dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                if (expected.equals(content(file))) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(file + " did not come to hold " + expected.strip() + " within " + WAIT
                            + "; it holds " + content(file));
                }
                var key = ws.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
