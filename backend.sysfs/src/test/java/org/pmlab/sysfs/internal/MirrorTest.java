package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.internal.ChangeNotice;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** The mirror on a real directory: kept current from model events, outside writes applied or put back. */
class MirrorTest {

    private static final String EP_DIR = "sys/bus/pci/devices/0000:01:00.0";

    @TempDir
    Path dir;

    /** Forwards the machine's events to the mirror, as Event Admin does for the live machine. */
    private final AtomicReference<Mirror> target = new AtomicReference<>();
    private final EventSink sink = new EventSink() {
        @Override
        public boolean traceWatched() {
            return false;
        }

        @Override
        public boolean stateWatched() {
            return true;
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
            Mirror m = target.get();
            if (m != null) {
                m.onEvent(topic, properties);
            }
        }

        @Override
        public void postCoalesced(ChangeNotice notice) {
            post(notice.topic(), notice.properties()); // delivered at once: nothing to coalesce with
        }
    };
    private final BlockingQueue<String> applied = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> refused = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> healed = new LinkedBlockingQueue<>();
    private final java.util.List<String> heals = new java.util.ArrayList<>();
    private final AtomicReference<Machine> live = new AtomicReference<>();
    private Mirror mirror;

    private Host start(Host h) throws InterruptedException {
        live.set(h.m);
        mirror = new Mirror(MirrorRoot.resolve(dir), live::get, true, new MirrorListener() {
            @Override
            public void applied(String sysPath, String content) {
                applied.add(sysPath + "=" + content);
            }

            @Override
            public void refused(String line) {
                refused.add(line);
            }

            @Override
            public void healed(String line) {
                healed.add(line);
            }
        });
        target.set(mirror);
        synced();
        return h;
    }

    /** Waits for the mirror to report a heal naming {@code part} (other heal lines may come first). */
    private void healedLine(String part) throws InterruptedException {
        if (heals.removeIf(l -> l.contains(part) || l.endsWith(part))) {
            return;
        }
        for (String l = healed.poll(30, TimeUnit.SECONDS); l != null; l = healed.poll(30, TimeUnit.SECONDS)) {
            if (l.contains(part)) {
                return;
            }
            heals.add(l);
        }
        throw new AssertionError("the mirror reported no heal naming " + part);
    }

    private void synced() throws InterruptedException {
        assertThat(mirror.awaitSynced(30, TimeUnit.SECONDS)).as("mirror caught up").isTrue();
    }

    @AfterEach
    void stop() {
        if (mirror != null) {
            mirror.stop();
        }
    }

    private boolean exists(String rel) {
        return Files.isRegularFile(dir.resolve(rel));
    }

    private String file(String rel) throws IOException {
        return Files.readString(dir.resolve(rel));
    }

    private static void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void theTreeIsWrittenWithLinksAndModesAndFollowsTheModel() throws Exception {
        Host h = start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink));
        assertThat(Files.isSymbolicLink(dir.resolve(EP_DIR))).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve(EP_DIR)).toString())
                .isEqualTo("../../../devices/pci0000:00/0000:00:01.0/0000:01:00.0");
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("unknown\n");
        assertThat(file(EP_DIR + "/class")).isEqualTo("0x030200\n");
        assertThat(file(EP_DIR + "/power/autosuspend_delay_ms")).as("a read that fails is an empty file").isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EP_DIR + "/power/control"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EP_DIR + "/power_state"))))
                .isEqualTo("r--r--r--");

        h.bindEp();
        synced();
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("D3cold\n");
        assertThat(file("sys/bus/pci/devices/0000:00:01.0/power_state")).isEqualTo("D3cold\n");
        assertThat(file(EP_DIR + "/power/runtime_status")).isEqualTo("suspended\n");
        assertThat(Files.readSymbolicLink(dir.resolve(EP_DIR + "/driver")).toString())
                .isEqualTo("../../../../bus/pci/drivers/rpm-test");
        assertThat(Files.isSymbolicLink(dir.resolve("sys/bus/pci/drivers/rpm-test/0000:01:00.0"))).isTrue();

        h.echo("0000:01:00.0", "/sys/bus/pci/drivers/rpm-test/unbind");
        h.settle();
        synced();
        assertThat(Files.exists(dir.resolve(EP_DIR + "/driver"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(dir.resolve("sys/bus/pci/drivers/rpm-test/0000:01:00.0"),
                java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(file(EP_DIR + "/power/control")).isEqualTo("on\n");
    }

    @Test
    void aWriteByAnotherProcessIsAppliedToTheModel() throws Exception {
        Host h = start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink)).bindEp();
        h.echo("on", Host.EP + "/power/control");
        synced();
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("D0\n");

        shell("echo auto > '" + dir.resolve(EP_DIR + "/power/control") + "'");
        assertThat(applied.poll(30, TimeUnit.SECONDS)).isEqualTo("/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/power/control=auto\n");
        PciDevice ep = h.m.pci().get(Bdf.parse("0000:01:00.0"));
        assertThat(ep.pm().info().control()).isEqualTo("auto");
        assertThat(ep.currentState().label()).as("settled after the write").isEqualTo("D3cold");
        synced();
        assertThat(file(EP_DIR + "/power/control")).isEqualTo("auto\n");
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("D3cold\n");
    }

    /** sysfs has no room for other files, and its files cannot be deleted: the mirror heals both ways. */
    @Test
    void foreignFilesAreRemovedAndDeletedFilesRestored() throws Exception {
        start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink)).bindEp();
        synced();
        String control = file(EP_DIR + "/power/control");

        shell("echo x > '" + dir.resolve(EP_DIR + "/notes.txt") + "' && mkdir '" + dir.resolve(EP_DIR + "/extra") + "'");
        healedLine("not in sysfs (removed)");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((Files.exists(dir.resolve(EP_DIR + "/notes.txt")) || Files.exists(dir.resolve(EP_DIR + "/extra")))
                && System.nanoTime() < until) {
            healed.poll(1, TimeUnit.SECONDS);
            synced();
        }
        assertThat(dir.resolve(EP_DIR + "/notes.txt")).doesNotExist();
        assertThat(dir.resolve(EP_DIR + "/extra")).doesNotExist();

        shell("rm '" + dir.resolve(EP_DIR + "/power/control") + "'");
        healedLine("/power/control: deleted (restored)");
        synced();
        assertThat(file(EP_DIR + "/power/control")).isEqualTo(control);

        // a whole directory: the mirror may already be restoring it while rm still deletes
        shell("rm -rf '" + dir.resolve(EP_DIR + "/power") + "' || true");
        healedLine("deleted (restored)");
        // rm may go on deleting after the first heal: each deletion brings another, until all is back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(exists(EP_DIR + "/power/runtime_status") && exists(EP_DIR + "/power/control")) && System.nanoTime() < deadline) {
            healed.poll(1, TimeUnit.SECONDS);
            synced();
        }
        assertThat(file(EP_DIR + "/power/runtime_status")).isEqualTo("suspended\n");
        assertThat(file(EP_DIR + "/power/control")).isEqualTo(control);
    }

    /**
     * An rm -rf racing the mirror's own restoring deletes files the mirror is writing (even its
     * temporary files): the mirror must neither give up on an update nor report one as failed.
     */
    @Test
    void aDirectoryDeletedAgainAndAgainComesBackWhole() throws Exception {
        start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink)).bindEp();
        synced();
        String control = file(EP_DIR + "/power/control");
        for (int round = 0; round < 15; round++) {
            shell("rm -rf '" + dir.resolve(EP_DIR + "/power") + "' || true");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(exists(EP_DIR + "/power/runtime_status") && exists(EP_DIR + "/power/control"))
                    && System.nanoTime() < deadline) {
                healed.poll(1, TimeUnit.SECONDS);
                synced();
            }
            assertThat(file(EP_DIR + "/power/control")).as("round %d", round).isEqualTo(control);
            assertThat(file(EP_DIR + "/power/runtime_status")).as("round %d", round).isEqualTo("suspended\n");
        }
        assertThat(refused).as("updates reported as failed").isEmpty();
    }

    @Test
    void aRefusedWriteIsPutBackAndLogged() throws Exception {
        Host h = start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink));
        shell("echo bogus > '" + dir.resolve(EP_DIR + "/power/control") + "'");
        String line = refused.poll(30, TimeUnit.SECONDS);
        assertThat(line).isEqualTo("sysfs mirror: /sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/power/control: "
                + "write error: Invalid argument (file put back)");
        assertThat(file(EP_DIR + "/power/control")).isEqualTo("on\n");
        assertThat(h.m.log().lines()).anyMatch(l -> l.text().equals(line));
        assertThat(h.m.pci().get(Bdf.parse("0000:01:00.0")).pm().info().control()).isEqualTo("on");

        shell("echo D0 > '" + dir.resolve(EP_DIR + "/power_state") + "'"); // root may write a 0444 file; sysfs says no
        assertThat(refused.poll(30, TimeUnit.SECONDS)).endsWith("power_state: write error: Permission denied (file put back)");
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("unknown\n");
    }

    @Test
    void aWriteOnlyFileTakesABindAndIsEmptiedAgain() throws Exception {
        Host h = start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink));
        shell("echo rpm-test > '" + dir.resolve(EP_DIR + "/driver_override") + "'");
        assertThat(applied.poll(30, TimeUnit.SECONDS)).endsWith("driver_override=rpm-test\n");
        shell("echo 0000:01:00.0 > '" + dir.resolve("sys/bus/pci/drivers/rpm-test/bind") + "'");
        assertThat(applied.poll(30, TimeUnit.SECONDS)).isEqualTo("/sys/bus/pci/drivers/rpm-test/bind=0000:01:00.0\n");
        assertThat(h.m.pci().get(Bdf.parse("0000:01:00.0")).driver()).contains("rpm-test");
        synced();
        assertThat(file("sys/bus/pci/drivers/rpm-test/bind")).isEmpty();
        assertThat(file(EP_DIR + "/power_state")).isEqualTo("D3cold\n");
    }

    @Test
    void aNewLiveMachineReplacesTheTree() throws Exception {
        start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink));
        assertThat(dir.resolve("sys/bus/pci/devices/0000:06:00.0")).exists();
        String tiny = """
                { "name": "tiny", "platform": { "biosYear": 2020 }, "devices": [
                  { "bdf": "0000:00:00.0", "class": "0x060000", "vendor": "0x8086", "device": "0x4660", "type": "host-bridge" },
                  { "bdf": "0000:00:01.0", "class": "0x060400", "vendor": "0x8086", "device": "0x460d", "type": "root-port", "pm": {} },
                  { "bdf": "0000:01:00.0", "parent": "0000:00:01.0", "class": "0x010802", "vendor": "0x144d",
                    "device": "0xa80a", "type": "endpoint", "pm": {} } ] }
                """;
        Host next = Host.with(new JsonTopologyCodec().parse(tiny, "tiny"), new NoD3coldFirmware(), sink);
        live.set(next.m);
        mirror.onEvent(ModelEvents.MACHINE_BOOT, Map.of(ModelEvents.MACHINE, next.m.id()));
        synced();
        assertThat(dir.resolve("sys/bus/pci/devices/0000:06:00.0")).doesNotExist();
        assertThat(file(EP_DIR + "/class")).isEqualTo("0x010802\n");
        try (Stream<Path> s = Files.list(dir.resolve("sys/bus/pci/devices"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("0000:00:00.0", "0000:00:01.0",
                    "0000:01:00.0");
        }
    }

    @Test
    void aDriverNameThatWouldLeaveTheTreeIsLeftOut() throws Exception {
        Host h = start(Host.with(Host.defaultTopology(), new AcpiSimFirmware(), sink));
        h.m.loadDriver(new PciDriver() {
            @Override
            public String name() {
                return "../../../../../escaped";
            }

            @Override
            public int probe(PciDevice dev) {
                return -19;
            }

            @Override
            public void remove(PciDevice dev) {
            }

            @Override
            public DevPmOps pm() {
                return null;
            }
        });
        mirror.onEvent(ModelEvents.PCI_ADD, Map.of(ModelEvents.MACHINE, h.m.id(), ModelEvents.DEVICE, "0000:01:00.0"));
        synced();
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(dir.getParent().resolve("escaped")).doesNotExist();
        try (Stream<Path> s = Files.list(dir.resolve("sys/bus/pci/drivers"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pci-stub", "pcieport", "rpm-test",
                    "e1000e", "ixgbe", "nvme", "snd_hda_intel", "xhci_hcd", "amdgpu");
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void rootsInsideSysProcOrDevAreRefused() throws IOException {
        for (String bad : List.of("/sys", "/sys/", "/sys/../sys", "/sys/bus/pci", "/proc", "/proc/self", "/dev",
                "/dev/shm/x", "/", "/tmp/../sys/kernel")) {
            assertThatThrownBy(() -> MirrorRoot.resolve(Path.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("refusing to mirror into");
        }
        Path toProc = Files.createSymbolicLink(dir.resolve("to-proc"), Path.of("/proc"));
        assertThatThrownBy(() -> MirrorRoot.resolve(toProc.resolve("x"))).hasMessageContaining("inside /proc");
        Path toSys = Files.createSymbolicLink(dir.resolve("to-sys"), Path.of("/sys/kernel"));
        assertThatThrownBy(() -> MirrorRoot.resolve(toSys)).hasMessageContaining("inside /sys");
        Path sneaky = Files.createDirectory(dir.resolve("sneaky"));
        Files.createSymbolicLink(sneaky.resolve("sys"), Path.of("/sys"));
        assertThatThrownBy(() -> MirrorRoot.resolve(sneaky)).hasMessageContaining("leads out of it");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/sys/no-such-dir"));
        assertThatThrownBy(() -> MirrorRoot.resolve(dangling.resolve("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(MirrorRoot.resolve(dir.resolve("fresh/mirror"))).isDirectory();
    }
}
