package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sysfs.api.HostImport;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** Reading a host's /sys into a topology: a captured tree, a hand-made one, and this machine's. */
class HostImportTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();
    private final HostImporter importer = new HostImporter(codec);

    @TempDir
    Path dir;

    private static DeviceSpec dev(Topology t, String bdf) {
        return t.device(Bdf.parse(bdf)).orElseThrow(() -> new AssertionError("no " + bdf));
    }

    /** Every file's bytes and modification time, links by target: to show an import wrote nothing. */
    private static Map<Path, String> snapshot(Path root) throws IOException {
        Map<Path, String> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (Files.isSymbolicLink(p)) {
                    m.put(p, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    m.put(p, Files.getLastModifiedTime(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                } else {
                    m.put(p, "dir " + Files.getLastModifiedTime(p));
                }
            }
        }
        return m;
    }

    @Test
    void theCapturedTreeOfThisProjectsBuildMachineImports() throws IOException {
        FakeSysfs vm = FakeSysfs.captured("vm", dir);
        Map<Path, String> before = snapshot(dir);
        HostImport.Result r = importer.read(vm.root);
        assertThat(snapshot(dir)).isEqualTo(before);

        Topology t = r.topology();
        assertThat(t.devices()).extracting(d -> d.bdf().toString()).containsExactly("0000:00:00.0", "0000:00:01.0",
                "0000:00:02.0", "0000:00:03.0", "0000:00:04.0", "0000:00:05.0");
        DeviceSpec hb = dev(t, "0000:00:00.0");
        assertThat(hb.portType()).isEqualTo(PortType.HOST_BRIDGE);
        assertThat(hb.classCode()).isEqualTo(0x060000);
        assertThat(hb.vendor()).isEqualTo(0x8086);
        DeviceSpec net = dev(t, "0000:00:03.0");
        assertThat(net.portType()).isEqualTo(PortType.ENDPOINT);
        assertThat(net.classCode()).isEqualTo(0x020000);
        assertThat(net.vendor()).isEqualTo(0x1af4);
        assertThat(net.device()).isEqualTo(0x1041);
        assertThat(net.driver()).isEqualTo("virtio-pci");
        assertThat(net.pm()).as("virtio functions have vendor and MSI-X capabilities only").isNull();
        assertThat(t.platform().biosYear()).isEqualTo(HostImporter.UNKNOWN_BIOS_YEAR);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("BIOS year unknown"));
        assertThat(r.notes()).noneMatch(n -> n.contains("no PM capability known")); // the capture read config as root
        // and what it imports boots
        Host h = Host.with(t, new NoD3coldFirmware(), EventSink.NONE);
        assertThat(h.cat("/sys/bus/pci/devices/0000:00:03.0/class")).isEqualTo("0x020000\n");
    }

    /**
     * A hand-made host: a root port with a hot-plug slot and a switch below it (upstream port,
     * two downstream ports) leading to an NVMe drive and a two-function GPU; an SR-IOV PF with
     * two VFs enabled; and a root port whose config an unprivileged reader sees only 64 bytes of.
     */
    private FakeSysfs handMade() {
        FakeSysfs s = new FakeSysfs(dir);
        String root = "devices/pci0000:00";
        s.function(root, "0000:00:00.0", "0x060000", "0x8086", "0x4660", new FakeSysfs.Config(0x8086, 0x4660, 0x060000, 0)
                .bytes(4096), Map.of("d3cold_allowed", "0\n"));
        byte[] rp = new FakeSysfs.Config(0x8086, 0x7ab8, 0x060400, 1).vendorCap().pm(false, false, 0b11001, true)
                .exp(ConfigHeader.EXP_ROOT_PORT, true, false, true).bytes(4096);
        Path rp1c = s.function(root, "0000:00:1c.0", "0x060400", "0x8086", "0x7ab8", rp,
                Map.of("power/wakeup", "disabled\n"));
        s.link(rp1c.resolve("driver"), "../../../bus/pci/drivers/pcieport");
        byte[] up = new FakeSysfs.Config(0x10b5, 0x8747, 0x060400, 1).pm(false, false, 0b11001, true)
                .exp(ConfigHeader.EXP_UPSTREAM, false, false, false).bytes(4096);
        Path usp = s.function(rp1c.toString(), "0000:01:00.0", "0x060400", "0x10b5", "0x8747", up, Map.of());
        byte[] down = new FakeSysfs.Config(0x10b5, 0x8747, 0x060400, 1).pm(false, false, 0b11001, true)
                .exp(ConfigHeader.EXP_DOWNSTREAM, true, false, false).bytes(4096);
        Path dsp0 = s.function(usp.toString(), "0000:02:00.0", "0x060400", "0x10b5", "0x8747", down, Map.of());
        Path dsp1 = s.function(usp.toString(), "0000:02:01.0", "0x060400", "0x10b5", "0x8747", down, Map.of());
        byte[] nvme = new FakeSysfs.Config(0x144d, 0xa80a, 0x010802, 0).pm(false, false, 0, true)
                .exp(ConfigHeader.EXP_ENDPOINT, false, true, false).bytes(4096);
        Path nv = s.function(dsp0.toString(), "0000:03:00.0", "0x010802", "0x144d", "0xa80a", nvme, Map.of());
        s.link(nv.resolve("driver"), "../../../../../../bus/pci/drivers/nvme");
        byte[] gpu = new FakeSysfs.Config(0x1002, 0x73bf, 0x030000, 0x80).pm(true, true, 0b01001, false)
                .exp(ConfigHeader.EXP_LEG_ENDPOINT, false, false, false).bytes(4096);
        s.function(dsp1.toString(), "0000:04:00.0", "0x030000", "0x1002", "0x73bf", gpu,
                Map.of("power_state", "D3hot\n", "power/wakeup", "enabled\n"));
        byte[] audio = new FakeSysfs.Config(0x1002, 0xab28, 0x040300, 0x80).pm(false, false, 0, false)
                .exp(ConfigHeader.EXP_LEG_ENDPOINT, false, false, false).bytes(4096);
        s.function(dsp1.toString(), "0000:04:00.1", "0x040300", "0x1002", "0xab28", audio, Map.of());

        Path rp02 = s.function(root, "0000:00:02.0", "0x060400", "0x8086", "0x464d", new FakeSysfs.Config(0x8086, 0x464d,
                0x060400, 1).pm(false, false, 0b11001, true).exp(ConfigHeader.EXP_ROOT_PORT, false, false, false).bytes(4096),
                Map.of());
        byte[] nic = new FakeSysfs.Config(0x8086, 0x10fb, 0x020000, 0).pm(false, false, 0b01001, true)
                .exp(ConfigHeader.EXP_ENDPOINT, false, true, false).bytes(4096);
        Path pf = s.function(rp02.toString(), "0000:05:00.0", "0x020000", "0x8086", "0x10fb", nic,
                Map.of("sriov_totalvfs", "4\n", "sriov_numvfs", "2\n", "sriov_offset", "128\n", "sriov_stride", "2\n",
                        "sriov_vf_device", "10ed\n"));
        byte[] vf = new FakeSysfs.Config(0x8086, 0x10ed, 0x020000, 0).exp(ConfigHeader.EXP_ENDPOINT, false, true, false)
                .bytes(4096);
        for (String v : List.of("0000:05:10.0", "0000:05:10.2")) {
            Path vd = s.function(rp02.toString(), v, "0x020000", "0x8086", "0x10ed", vf, Map.of("d3cold_allowed", "0\n"));
            s.link(vd.resolve("physfn"), "../0000:05:00.0");
        }
        s.link(pf.resolve("virtfn0"), "../0000:05:10.0");

        // read by a user: the first 64 bytes only
        s.function(root, "0000:00:03.0", "0x060400", "0x8086", "0x7ac8", new FakeSysfs.Config(0x8086, 0x7ac8, 0x060400, 1)
                .pm(false, false, 0b11001, true).exp(ConfigHeader.EXP_ROOT_PORT, true, false, false).bytes(64),
                Map.of("power_state", "D3hot\n", "power/wakeup", "disabled\n"));
        s.file("class/dmi/id/bios_date", "03/15/2021\n");
        s.file("class/dmi/id/sys_vendor", "Example Corp.\n");
        return s;
    }

    @Test
    void aHandMadeTreeWithASwitchAMultiFunctionDeviceAndAPf() throws IOException {
        FakeSysfs s = handMade();
        Map<Path, String> before = snapshot(dir);
        HostImport.Result r = importer.read(s.root);
        assertThat(snapshot(dir)).as("nothing written under the tree").isEqualTo(before);
        Topology t = r.topology();

        assertThat(t.devices()).extracting(d -> d.bdf().toString()).containsExactly("0000:00:00.0", "0000:00:02.0",
                "0000:05:00.0", "0000:00:03.0", "0000:00:1c.0", "0000:01:00.0", "0000:02:00.0", "0000:03:00.0",
                "0000:02:01.0", "0000:04:00.0", "0000:04:00.1");
        assertThat(t.platform().biosYear()).isEqualTo(2021);
        assertThat(t.platform().vendor()).isEqualTo("Example Corp.");

        DeviceSpec rp = dev(t, "0000:00:1c.0");
        assertThat(rp.portType()).isEqualTo(PortType.ROOT_PORT);
        assertThat(rp.parent()).isNull();
        assertThat(rp.pm()).isEqualTo(new PmCapability(false, false, true,
                EnumSet.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD)));
        assertThat(rp.slot()).isTrue();
        assertThat(rp.hotplug()).isEqualTo(HotplugKind.NATIVE);
        assertThat(rp.driver()).as("pcieport is the ports' default").isNull();

        assertThat(dev(t, "0000:01:00.0").portType()).isEqualTo(PortType.UPSTREAM_PORT);
        assertThat(dev(t, "0000:01:00.0").parent()).isEqualTo(Bdf.parse("0000:00:1c.0"));
        assertThat(dev(t, "0000:02:01.0").portType()).isEqualTo(PortType.DOWNSTREAM_PORT);
        assertThat(dev(t, "0000:02:01.0").slot()).isTrue();
        assertThat(dev(t, "0000:02:01.0").hotplug()).isEqualTo(HotplugKind.NONE);

        DeviceSpec nvme = dev(t, "0000:03:00.0");
        assertThat(nvme.parent()).isEqualTo(Bdf.parse("0000:02:00.0"));
        assertThat(nvme.flr()).isTrue();
        assertThat(nvme.driver()).isEqualTo("nvme");
        assertThat(nvme.pm().noSoftReset()).isTrue();

        DeviceSpec gpu = dev(t, "0000:04:00.0");
        DeviceSpec audio = dev(t, "0000:04:00.1");
        assertThat(gpu.parent()).isEqualTo(audio.parent()).isEqualTo(Bdf.parse("0000:02:01.0"));
        assertThat(gpu.pm()).isEqualTo(new PmCapability(true, true, false, EnumSet.of(PowerState.D0, PowerState.D3HOT)));
        assertThat(gpu.wakeup()).isTrue();
        assertThat(gpu.flr()).isFalse();
        assertThat(audio.pm().pmeStates()).isEmpty();

        DeviceSpec nic = dev(t, "0000:05:00.0");
        assertThat(nic.sriov()).isNotNull();
        assertThat(nic.sriov().totalVfs()).isEqualTo(4);
        assertThat(nic.sriov().vfOffset()).isEqualTo(128);
        assertThat(nic.sriov().vfStride()).isEqualTo(2);
        assertThat(nic.sriov().vfDeviceId()).isEqualTo(0x10ed);
        assertThat(t.device(Bdf.parse("0000:05:10.0"))).as("VFs come from the PF's capability").isEmpty();

        DeviceSpec user = dev(t, "0000:00:03.0");
        assertThat(user.portType()).isEqualTo(PortType.ROOT_PORT);
        assertThat(user.pm()).isEqualTo(new PmCapability(false, false, false, EnumSet.of(PowerState.D0, PowerState.D3HOT)));
        assertThat(r.notes()).contains("0000:00:03.0: no PM capability known (only 64 bytes of config readable); assumed "
                + "a PM capability (D1- D2- NoSoftRst- PME [D0, D3hot]) from d3cold_allowed/power_state");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("0000:00:03.0: a bridge without a readable PCIe port type"));

        // the codec writes it and reads it back, and a machine boots from it
        assertThat(codec.parse(codec.write(t), "again")).isEqualTo(t);
        Host h = Host.with(t, new NoD3coldFirmware(), EventSink.NONE);
        assertThat(h.cat("/sys/bus/pci/devices/0000:04:00.1/class")).isEqualTo("0x040300\n");
        assertThat(h.sys.readlink("/sys/bus/pci/devices/0000:04:00.1"))
                .isEqualTo("../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0/0000:02:01.0/0000:04:00.1");
        assertThat(h.cat("/sys/bus/pci/devices/0000:05:00.0/sriov_totalvfs")).isEqualTo("4\n");
    }

    @Test
    void functionsOnAnotherRootBusAreLeftOutWithANote() throws IOException {
        FakeSysfs s = new FakeSysfs(dir);
        s.function("devices/pci0000:00", "0000:00:00.0", "0x060000", "0x8086", "0x4660",
                new FakeSysfs.Config(0x8086, 0x4660, 0x060000, 0).bytes(256), Map.of());
        s.function("devices/pci0000:40", "0000:40:00.0", "0x060000", "0x1022", "0x1480",
                new FakeSysfs.Config(0x1022, 0x1480, 0x060000, 0).bytes(256), Map.of());
        HostImport.Result r = importer.read(s.root);
        assertThat(r.topology().devices()).extracting(d -> d.bdf().toString()).containsExactly("0000:00:00.0");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("0000:40:00.0: on root bus 40"));
    }

    @Test
    void aDirectoryWithoutPciDevicesIsATopologyError() {
        assertThatThrownBy(() -> importer.read(dir)).isInstanceOf(TopologyException.class)
                .hasMessageContaining("no PCI devices to import");
    }

    @Test
    void thisMachine() throws IOException {
        Path devices = Path.of("/sys/bus/pci/devices");
        assumeTrue(Files.isDirectory(devices), "this machine has a PCI bus in /sys");
        Set<String> expected = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(devices)) {
            for (Path p : ds) {
                boolean vf = Files.exists(p.resolve("physfn"), LinkOption.NOFOLLOW_LINKS);
                boolean rootBus = Files.readSymbolicLink(p).getParent().getFileName().toString().startsWith("pci");
                if (!vf && (!rootBus || p.getFileName().toString().substring(5, 7).equals("00"))) {
                    expected.add(p.getFileName().toString());
                }
            }
        }
        HostImport.Result r = new HostImportComponent(codec).read(HostImport.HOST_SYSFS);
        Set<String> got = r.topology().devices().stream().map(d -> d.bdf().toString()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(got).isSubsetOf(expected);
        assertThat(got).hasSizeGreaterThanOrEqualTo(expected.size() - r.notes().size());
        for (DeviceSpec d : r.topology().devices()) {
            String cls = Files.readString(devices.resolve(d.bdf().toString()).resolve("class")).strip();
            assertThat(String.format("0x%06x", d.classCode())).isEqualTo(cls);
        }
    }
}
