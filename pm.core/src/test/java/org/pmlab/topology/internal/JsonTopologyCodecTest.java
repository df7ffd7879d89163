package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

class JsonTopologyCodecTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Test
    void defaultTopologyRoundTripsToAnEqualTopology() {
        Topology topology = codec.defaultTopology();

        assertThat(codec.parse(codec.write(topology), "written")).isEqualTo(topology);
    }

    @Test
    void embeddedDefaultIsStoredExactlyAsTheWriterPrintsIt() throws IOException {
        String resource;
        try (InputStream in = JsonTopologyCodec.class.getResourceAsStream(JsonTopologyCodec.DEFAULT_RESOURCE)) {
            resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(codec.write(codec.defaultTopology())).isEqualTo(resource);
    }

    @Test
    void defaultTopologyHasThePlatformAndPowerResourcesTheScenariosNeed() {
        Topology t = codec.defaultTopology();

        assertThat(t.platform().biosYear()).isEqualTo(2022);
        assertThat(t.powerResources()).containsExactly(new PowerResourceSpec("PSLT", true), new PowerResourceSpec("PGFX", true));
        assertThat(t.devices()).extracting(d -> d.bdf().toString()).containsExactly(
                "0000:00:00.0", "0000:00:01.0", "0000:01:00.0", "0000:00:02.0", "0000:02:00.0", "0000:00:03.0",
                "0000:03:00.0", "0000:03:00.1", "0000:00:1c.0", "0000:04:00.0", "0000:05:00.0", "0000:06:00.0",
                "0000:05:01.0", "0000:07:00.0");
        assertThat(t.devices()).allSatisfy(d -> assertThat(d.driver()).isNull());
        assertThat(t.devices()).allSatisfy(d -> assertThat(d.label()).isNotBlank());
    }

    @Test
    void defaultHostBridgeHasNoPmCapabilityAndNoCompanion() {
        DeviceSpec hb = device("0000:00:00.0");

        assertThat(hb.portType()).isEqualTo(PortType.HOST_BRIDGE);
        assertThat(hb.classCode()).isEqualTo(0x060000);
        assertThat(hb.pm()).isNull();
        assertThat(hb.acpi()).isNull();
    }

    @Test
    void defaultGpuSharesSlotPowerWithItsRootPortAndLacksNoSoftReset() {
        DeviceSpec port = device("0000:00:01.0");
        DeviceSpec gpu = device("0000:01:00.0");

        assertThat(port.pm()).isEqualTo(new PmCapability(false, false, true, Set.of(PowerState.D0, PowerState.D3HOT, PowerState.D3COLD)));
        assertThat(port.acpi().pr0()).containsExactly("PSLT");
        assertThat(port.acpi().pr3()).containsExactly("PSLT");
        assertThat(gpu.parent()).isEqualTo(port.bdf());
        assertThat(gpu.classCode()).isEqualTo(0x030200);
        assertThat(gpu.vendor()).isEqualTo(0x10de);
        assertThat(gpu.pm()).isEqualTo(PmCapability.basic(false));
        assertThat(gpu.flr()).isTrue();
        assertThat(gpu.acpi().path()).isEqualTo("\\_SB.PCI0.RP01.GPU0");
        assertThat(gpu.acpi().pr0()).containsExactly("PSLT");
        assertThat(gpu.acpi().pr3()).containsExactly("PSLT");
    }

    @Test
    void defaultEthernetPfHasVfsOnItsOwnBusAndNoPr3() {
        DeviceSpec nic = device("0000:02:00.0");

        assertThat(nic.sriov()).isEqualTo(new SriovCapability(8, 0x80, 2, 0x10ed));
        assertThat(nic.pm().noSoftReset()).isTrue();
        assertThat(nic.pm().pmeStates()).containsExactlyInAnyOrder(PowerState.D0, PowerState.D3HOT);
        assertThat(nic.acpi().ps0()).isTrue();
        assertThat(nic.acpi().ps3()).isTrue();
        assertThat(nic.acpi().pr0()).isEmpty();
        assertThat(nic.acpi().pr3()).isEmpty();
        assertThat(nic.bdf().plusRoutingId(0x80 + 7 * 2)).isEqualTo(Bdf.parse("0000:02:11.6"));
        assertThat(device("0000:00:02.0").acpi().pr3()).isEmpty();
    }

    @Test
    void defaultGraphicsSlotPowersBothFunctionsWithPgfx() {
        assertThat(device("0000:00:03.0").slot()).isTrue();
        for (String bdf : new String[] {"0000:00:03.0", "0000:03:00.0", "0000:03:00.1"}) {
            assertThat(device(bdf).acpi().pr0()).containsExactly("PGFX");
            assertThat(device(bdf).acpi().pr3()).containsExactly("PGFX");
        }
        assertThat(device("0000:03:00.0").flr()).isFalse();
        assertThat(device("0000:03:00.1").classCode()).isEqualTo(0x040300);
        assertThat(device("0000:03:00.1").pm().noSoftReset()).isFalse();
    }

    @Test
    void defaultHotplugPortLeadsToASwitchWithTwoNvmeDrivesAndNoCompanions() {
        assertThat(device("0000:00:1c.0").hotplug()).isEqualTo(HotplugKind.NATIVE);
        assertThat(device("0000:00:1c.0").acpi().prw()).isTrue();
        assertThat(device("0000:04:00.0").portType()).isEqualTo(PortType.UPSTREAM_PORT);
        assertThat(device("0000:05:00.0").portType()).isEqualTo(PortType.DOWNSTREAM_PORT);
        assertThat(device("0000:05:01.0").parent()).isEqualTo(Bdf.parse("0000:04:00.0"));
        assertThat(device("0000:06:00.0").parent()).isEqualTo(Bdf.parse("0000:05:00.0"));
        assertThat(device("0000:07:00.0").parent()).isEqualTo(Bdf.parse("0000:05:01.0"));
        for (String bdf : new String[] {"0000:04:00.0", "0000:05:00.0", "0000:05:01.0", "0000:06:00.0", "0000:07:00.0"}) {
            assertThat(device(bdf).acpi()).isNull();
            assertThat(device(bdf).pm()).isNotNull();
        }
        assertThat(device("0000:07:00.0").classCode()).isEqualTo(0x010802);
        assertThat(device("0000:07:00.0").pm().noSoftReset()).isTrue();
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        Topology t = codec.parse("""
                {"name": "t", "platform": {"biosYear": 2015}, "devices": [
                  {"bdf": "0000:00:04.0", "class": "0x030200", "vendor": "0x10de", "device": "0x1eb8", "type": "endpoint"}
                ]}""", "t.json");

        DeviceSpec d = t.devices().get(0);
        assertThat(t.platform().vendor()).isNull();
        assertThat(t.powerResources()).isEmpty();
        assertThat(d.parent()).isNull();
        assertThat(d.pm()).isNull();
        assertThat(d.sriov()).isNull();
        assertThat(d.acpi()).isNull();
        assertThat(d.hotplug()).isEqualTo(HotplugKind.NONE);
        assertThat(d.slot()).isFalse();
        assertThat(d.flr()).isFalse();
        assertThat(d.wakeup()).isFalse();
        assertThat(d.driver()).isNull();
        assertThat(d.label()).isEqualTo("3D controller");
    }

    @Test
    void absentFieldsInsideCapabilitiesTakeTheirDefaults() {
        Topology t = codec.parse("""
                {"name": "t", "platform": {"biosYear": 2015}, "powerResources": [{"name": "P0"}], "devices": [
                  {"bdf": "0000:00:04.0", "class": "0x020000", "vendor": "0x8086", "device": "0x10fb", "type": "endpoint",
                   "pm": {}, "sriov": {"totalVfs": 2, "vfOffset": 8, "vfDeviceId": "0x10ed"}, "acpi": {"path": "\\\\_SB.NIC0"}}
                ]}""", "t.json");

        DeviceSpec d = t.devices().get(0);
        assertThat(t.powerResources()).containsExactly(new PowerResourceSpec("P0", true));
        assertThat(d.pm()).isEqualTo(PmCapability.basic(false));
        assertThat(d.sriov()).isEqualTo(new SriovCapability(2, 8, 1, 0x10ed));
        assertThat(d.acpi().path()).isEqualTo("\\_SB.NIC0");
        assertThat(d.acpi().powerManageable()).isFalse();
        assertThat(d.acpi().s0w()).isNull();
    }

    @Test
    void hexFieldsAcceptPlainIntegersAndUpperCaseDigits() {
        Topology t = codec.parse("""
                {"name": "t", "platform": {"biosYear": 2015}, "devices": [
                  {"bdf": "0000:00:1F.7", "class": 66304, "vendor": 4318, "device": "0X1EB8", "type": "endpoint"}
                ]}""", "t.json");

        DeviceSpec d = t.devices().get(0);
        assertThat(d.bdf()).isEqualTo(new Bdf(0, 0, 0x1f, 7));
        assertThat(d.classCode()).isEqualTo(0x010300);
        assertThat(d.vendor()).isEqualTo(0x10de);
        assertThat(d.device()).isEqualTo(0x1eb8);
    }

    @Test
    void explicitNullLabelMeansNoLabelAndSurvivesARoundTrip() {
        Topology t = codec.parse("""
                {"name": "t", "platform": {"biosYear": 2015}, "devices": [
                  {"bdf": "0000:00:04.0", "class": "0x030200", "vendor": "0x10de", "device": "0x1eb8", "type": "endpoint", "label": null}
                ]}""", "t.json");

        assertThat(t.devices().get(0).label()).isNull();
        assertThat(codec.parse(codec.write(t), "again")).isEqualTo(t);
    }

    @Test
    void readNamesTheFileAsGivenAndLoadsIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("host.json");
        Files.writeString(file, codec.write(codec.defaultTopology()));

        assertThat(codec.read(file)).isEqualTo(codec.defaultTopology());
    }

    @Test
    void errorsInAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": 1}");

        assertThatThrownBy(() -> codec.read(file)).isInstanceOfSatisfying(TopologyException.class, e -> {
            assertThat(e.source()).isEqualTo(file.toString());
            assertThat(e.jsonPath()).isEqualTo("$.name");
            assertThat(e.problem()).isEqualTo("expected a string, got the number 1");
            assertThat(e.getMessage()).isEqualTo(file + ": $.name: expected a string, got the number 1");
        });
    }

    @Test
    void aFileStreamedFromDiskGetsTheSameSyntaxErrorAsItsText(@TempDir Path dir) throws IOException {
        String text = "{\n  \"name\": \"x\",\n  \"devices\": [ { \"bdf\": \"0000:00:00.0\" \"class\": 1 } ]\n}";
        Path file = dir.resolve("broken.json");
        Files.writeString(file, text);

        TopologyException fromText = catchThrowableOfType(TopologyException.class, () -> codec.parse(text, file.toString()));
        assertThatThrownBy(() -> codec.read(file)).isInstanceOfSatisfying(TopologyException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(fromText.getMessage());
            assertThat(e.jsonPath()).isEqualTo("$.devices[0]");
            assertThat(e.problem()).startsWith("malformed JSON at line 3, column ");
        });
    }

    @Test
    void aMissingFileIsATopologyException(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");

        assertThatThrownBy(() -> codec.read(file)).isInstanceOfSatisfying(TopologyException.class, e -> {
            assertThat(e.source()).isEqualTo(file.toString());
            assertThat(e.jsonPath()).isEqualTo("$");
            assertThat(e.problem()).contains("cannot read the file").contains("NoSuchFileException");
        });
    }

    @Test
    void writerKeepsCapabilitiesOnOneLineAndEndsWithANewline() {
        String json = codec.write(codec.defaultTopology());

        assertThat(json).contains("\n      \"pm\": { \"d1\": false, \"d2\": false, \"noSoftReset\": true, \"pme\": [ \"D0\", \"D3hot\", \"D3cold\" ] },\n");
        assertThat(json).contains("\"sriov\": { \"totalVfs\": 8, \"vfOffset\": 128, \"vfStride\": 2, \"vfDeviceId\": \"0x10ed\" },");
        assertThat(json).doesNotContain("\r").endsWith("}\n");
    }

    @Test
    void exampleInTheFormatDocumentParses() throws IOException {
        // Surefire runs in the module directory; the document lives at the repository root.
        String doc = Files.readString(Path.of("..", "docs", "topology-format.md"));
        int start = doc.indexOf("```json", doc.indexOf("## Example")) + "```json".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        Topology t = codec.parse(example, "topology-format.md");

        assertThat(t.devices()).hasSize(5);
        assertThat(t.devices().get(2).acpi().pr3()).containsExactly("PSLT");
        assertThat(t.devices().get(4).sriov()).isEqualTo(new SriovCapability(8, 128, 2, 0x10ed));
    }

    private DeviceSpec device(String bdf) {
        return codec.defaultTopology().device(Bdf.parse(bdf)).orElseThrow();
    }
}
