package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmlab.topology.api.TopologyException;

/** Each kind of mistake is one TopologyException naming the source, the JSONPath and the problem. */
class TopologyErrorsTest {

    private static final String ROOT_PORT = device("0000:00:01.0", null, "root-port", "");
    private static final String NIC = device("0000:01:00.0", "0000:00:01.0", "endpoint", "");

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Test
    void malformedJsonReportsWhereTheParserStopped() {
        String json = """
                {"name": "t", "platform": {"biosYear": 2022}, "devices": [
                  {"bdf": "0000:00:01.0", "class": "0x060400", "vendor": "0x8086", "device": "0x460d", "type": "root-port"},
                  {"bdf": "0000:01:00.0" "class": "0x020000"}
                ]}""";

        TopologyException e = rejection(json);

        assertThat(e.jsonPath()).isEqualTo("$.devices[1]");
        assertThat(e.problem()).startsWith("malformed JSON at line 3, column 26: ").contains("expecting comma");
    }

    @Test
    void malformedJsonInsideAValueNamesTheField() {
        TopologyException e = rejection("""
                {"name": "t", "platform": {"biosYear": tru}}""");

        assertThat(e.jsonPath()).isEqualTo("$.platform.biosYear");
        assertThat(e.problem()).startsWith("malformed JSON at line 1, column ");
    }

    @Test
    void truncatedJsonSaysWhereTheOpenArrayStarted() {
        TopologyException e = rejection("{\"name\": \"t\", \"devices\": [");

        assertThat(e.jsonPath()).isEqualTo("$.devices[0]");
        assertThat(e.problem()).isEqualTo("malformed JSON at line 1, column 27: "
                + "Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 26])");
    }

    @Test
    void unknownParent() {
        expect(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:09.0", "endpoint", "")),
                "$.devices[1].parent", "unknown parent 0000:00:09.0");
    }

    @Test
    void duplicateBdf() {
        expect(topology(ROOT_PORT, NIC, device("0000:01:00.0", "0000:00:01.0", "endpoint", "")),
                "$.devices[2].bdf", "duplicate BDF 0000:01:00.0, already used by $.devices[1]");
    }

    @Test
    void bridgeBelowAnEndpoint() {
        expect(topology(ROOT_PORT, NIC, device("0000:02:00.0", "0000:01:00.0", "upstream-port", "")),
                "$.devices[2].parent", "parent 0000:01:00.0 is an endpoint, not a bridge");
    }

    @Test
    void unknownPowerResource() {
        String port = device("0000:00:01.0", null, "root-port",
                ", \"acpi\": {\"path\": \"\\\\_SB.PCI0.RP01\", \"pr0\": [\"PSLT\"], \"pr3\": [\"PSLT\", \"PNONE\"]}");

        expect(topology(port), "$.devices[0].acpi.pr3[1]", "unknown power resource 'PNONE'");
    }

    @Test
    void vfLandingOnAnExistingFunction() {
        String pf = device("0000:01:00.0", "0000:00:01.0", "endpoint",
                ", \"sriov\": {\"totalVfs\": 4, \"vfOffset\": 1, \"vfStride\": 1, \"vfDeviceId\": \"0x10ed\"}");

        expect(topology(ROOT_PORT, pf, device("0000:01:00.3", "0000:00:01.0", "endpoint", "")),
                "$.devices[1].sriov", "VF 2 would be at 0000:01:00.3, which is the function at $.devices[2]");
    }

    @Test
    void unknownField() {
        expect(topology(device("0000:00:01.0", null, "root-port", ", \"flrr\": true")),
                "$.devices[0].flrr", "unknown field 'flrr'");
    }

    @Test
    void badHex() {
        String json = topology(ROOT_PORT).replace("\"vendor\": \"0x8086\"", "\"vendor\": \"0x80g6\"");

        expect(json, "$.devices[0].vendor", "bad hex number \"0x80g6\"");
    }

    static Stream<Arguments> moreMistakes() {
        String sriov = ", \"sriov\": {\"totalVfs\": 2, \"vfOffset\": 8, \"vfStride\": 1, \"vfDeviceId\": \"0x10ed\"}";
        return Stream.of(
                // syntax and shape
                Arguments.of("", "$", "the document is empty"),
                Arguments.of("[]", "$", "expected an object, got an array"),
                Arguments.of("{\"name\": \"t\", \"name\": \"u\"}", "$", "Duplicate field 'name'"),
                Arguments.of(topology(ROOT_PORT) + " {}", "$", "unexpected content after the top-level object"),
                Arguments.of("{\"name\": \"t\", \"platform\": {\"biosYear\": 2022}, \"devices\": {}}", "$.devices", "expected an array, got an object"),
                // required fields
                Arguments.of("{\"platform\": {\"biosYear\": 2022}}", "$.name", "missing required field 'name'"),
                Arguments.of("{\"name\": \"t\"}", "$.platform", "missing required field 'platform'"),
                Arguments.of("{\"name\": \"t\", \"platform\": {\"vendor\": \"x\"}}", "$.platform.biosYear", "missing required field 'biosYear'"),
                Arguments.of(topology(ROOT_PORT.replace("\"bdf\": \"0000:00:01.0\", ", "")), "$.devices[0].bdf", "missing required field 'bdf'"),
                Arguments.of(topology(ROOT_PORT.replace("\"class\": \"0x060400\", ", "")), "$.devices[0].class", "missing required field 'class'"),
                Arguments.of(topology(ROOT_PORT.replace("\"vendor\": \"0x8086\", ", "")), "$.devices[0].vendor", "missing required field 'vendor'"),
                Arguments.of(topology(ROOT_PORT.replace("\"device\": \"0x1234\", ", "")), "$.devices[0].device", "missing required field 'device'"),
                Arguments.of(topology(ROOT_PORT.replace(", \"type\": \"root-port\"", "")), "$.devices[0].type", "missing required field 'type'"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"acpi\": {\"ps0\": true}")), "$.devices[0].acpi.path", "missing required field 'path'"),
                Arguments.of("{\"name\": \"t\", \"platform\": {\"biosYear\": 2022}, \"powerResources\": [{\"on\": true}]}", "$.powerResources[0].name", "missing required field 'name'"),
                // types and values
                Arguments.of("{\"name\": \"t\", \"platform\": {\"biosYear\": \"2022\"}}", "$.platform.biosYear", "expected an integer, got a string"),
                Arguments.of("{\"name\": \"t\", \"platform\": {\"biosYear\": 1989}}", "$.platform.biosYear", "BIOS year out of range"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"slot\": \"yes\"")), "$.devices[0].slot", "expected true or false, got a string"),
                Arguments.of(topology(ROOT_PORT.replace("\"0x060400\"", "\"0x1000000\"")), "$.devices[0].class", "out of range 0x0..0xffffff"),
                Arguments.of(topology(ROOT_PORT.replace("\"0x8086\"", "65536")), "$.devices[0].vendor", "out of range 0x0..0xffff"),
                Arguments.of(topology(ROOT_PORT.replace("\"0x8086\"", "\"8086\"")), "$.devices[0].vendor", "bad hex number \"8086\""),
                Arguments.of(topology(ROOT_PORT.replace("\"0x8086\"", "1.5")), "$.devices[0].vendor", "expected a hex string such as \"0x10de\" or an integer, got the number 1.5"),
                Arguments.of(topology(device("0000:00:20.0", null, "root-port", "")), "$.devices[0].bdf", "malformed BDF '0000:00:20.0': device number 20 is above 1f"),
                Arguments.of(topology(device("00:01.0", null, "root-port", "")), "$.devices[0].bdf", "malformed BDF '00:01.0'"),
                Arguments.of(topology(device("0000:00:01.0", null, "rootport", "")), "$.devices[0].type", "unknown port type 'rootport'"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"hotplug\": \"acpi\"")), "$.devices[0].hotplug", "unknown hotplug kind 'acpi'"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"pm\": {\"pme\": [\"D0\", \"D4\"]}")), "$.devices[0].pm.pme[1]", "unknown PCI power state 'D4'"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"pm\": {\"pme\": [\"unknown\"]}")), "$.devices[0].pm.pme[0]", "PME cannot be signalled from unknown"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"pm\": {\"pme\": [\"D0\", \"D0\"]}")), "$.devices[0].pm.pme[1]", "D0 is listed twice"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"pm\": {\"pme\": [0]}")), "$.devices[0].pm.pme[0]", "expected a string, got the number 0"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", ", \"acpi\": {\"path\": \"\\\\_SB.X\", \"s0w\": 5}")), "$.devices[0].acpi.s0w", "_S0W must be 0..4"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", sriov.replace("\"vfOffset\": 8", "\"vfOffset\": 0"))), "$.devices[0].sriov.vfOffset", "at least 1"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", sriov.replace("\"totalVfs\": 2", "\"totalVfs\": 0"))), "$.devices[0].sriov.totalVfs", "at least 1"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", ", \"pm\": {\"d3\": true}")), "$.devices[0].pm.d3", "unknown field 'd3'"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", ", \"pm\": []")), "$.devices[0].pm", "expected an object, got an array"),
                // the tree
                Arguments.of(topology(NIC, ROOT_PORT), "$.devices[0].parent", "parent 0000:00:01.0 is listed after this function, at $.devices[1]"),
                Arguments.of(topology(device("0000:01:00.0", "0000:01:00.0", "endpoint", "")), "$.devices[0].parent", "cannot be its own parent"),
                Arguments.of(topology(ROOT_PORT, device("0000:00:02.0", "0000:00:01.0", "endpoint", "")), "$.devices[1].parent", "a function on the root bus (bus 00) has no parent"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", null, "endpoint", "")), "$.devices[1].parent", "a function on bus 01 needs a parent bridge"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "upstream-port", ""), device("0000:01:01.0", "0000:01:00.0", "downstream-port", "")),
                        "$.devices[2].bdf", "bus 01 is the bus of the parent 0000:01:00.0 itself"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "root-port", "")), "$.devices[1].parent", "a root-port sits on the root bus and has no parent"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "host-bridge", "")), "$.devices[1].parent", "a host-bridge sits on the root bus"),
                Arguments.of(topology(device("0000:00:01.0", null, "upstream-port", "")), "$.devices[0].parent", "an upstream-port needs a parent below a root-port or a downstream-port"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "upstream-port", ""), device("0000:02:00.0", "0000:01:00.0", "upstream-port", "")),
                        "$.devices[2].parent", "parent 0000:01:00.0 is an upstream-port, but an upstream-port must sit below a root-port or a downstream-port"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "downstream-port", "")),
                        "$.devices[1].parent", "parent 0000:00:01.0 is a root-port, but a downstream-port must sit below an upstream-port"),
                Arguments.of(topology(device("0000:00:00.0", null, "host-bridge", ""), device("0000:01:00.0", "0000:00:00.0", "endpoint", "")),
                        "$.devices[1].parent", "parent 0000:00:00.0 is a host-bridge, not a bridge"),
                Arguments.of(topology(ROOT_PORT, device("0001:01:00.0", "0000:00:01.0", "endpoint", "")), "$.devices[1].parent", "in another PCI domain"),
                Arguments.of(topology(ROOT_PORT, NIC, device("0000:02:00.0", "0000:00:01.0", "endpoint", "")),
                        "$.devices[2].bdf", "the other functions below 0000:00:01.0 are on bus 01"),
                Arguments.of(topology(ROOT_PORT, NIC, device("0000:00:02.0", null, "root-port", ""), device("0000:01:01.0", "0000:00:02.0", "endpoint", "")),
                        "$.devices[3].bdf", "bus 01 is already the secondary bus of 0000:00:01.0"),
                // port features and SR-IOV
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "endpoint", ", \"hotplug\": \"native\"")), "$.devices[1].hotplug", "only root ports and downstream ports have hot-plug slots"),
                Arguments.of(topology(ROOT_PORT, device("0000:01:00.0", "0000:00:01.0", "upstream-port", ", \"slot\": true")), "$.devices[1].slot", "slot on an upstream-port"),
                Arguments.of(topology(device("0000:00:01.0", null, "root-port", sriov)), "$.devices[0].sriov", "only endpoints can be physical functions"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", sriov), device("0000:00:04.1", null, "endpoint", sriov)),
                        "$.devices[1].sriov", "VF 0 would be at 0000:00:05.1, which is already a VF of 0000:00:04.0"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", sriov.replace("\"vfOffset\": 8", "\"vfOffset\": 65535"))),
                        "$.devices[0].sriov", "beyond bus ff"),
                // power resources and ACPI
                Arguments.of("{\"name\": \"t\", \"platform\": {\"biosYear\": 2022}, \"powerResources\": [{\"name\": \"PSLT\"}, {\"name\": \"PSLT\", \"on\": false}]}",
                        "$.powerResources[1].name", "duplicate power resource name 'PSLT', already declared at $.powerResources[0]"),
                Arguments.of(topology(device("0000:00:04.0", null, "endpoint", ", \"acpi\": {\"path\": \"\\\\_SB.X\"}"), device("0000:00:05.0", null, "endpoint", ", \"acpi\": {\"path\": \"\\\\_SB.X\"}")),
                        "$.devices[1].acpi.path", "ACPI path \\_SB.X is already the companion of $.devices[0]"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource
    void moreMistakes(String json, String path, String problem) {
        expect(json, path, problem);
    }

    private void expect(String json, String path, String problem) {
        TopologyException e = rejection(json);
        assertThat(e.jsonPath()).isEqualTo(path);
        assertThat(e.problem()).contains(problem);
    }

    private TopologyException rejection(String json) {
        TopologyException[] caught = new TopologyException[1];
        assertThatThrownBy(() -> codec.parse(json, "test.json")).isInstanceOfSatisfying(TopologyException.class, e -> caught[0] = e);
        assertThat(caught[0].source()).isEqualTo("test.json");
        return caught[0];
    }

    /** A topology with PSLT declared and the given devices. */
    static String topology(String... devices) {
        return "{\"name\": \"t\", \"platform\": {\"biosYear\": 2022}, \"powerResources\": [{\"name\": \"PSLT\"}],\n\"devices\": [\n"
                + String.join(",\n", devices) + "\n]}";
    }

    static String device(String bdf, String parent, String type, String extra) {
        String parentJson = parent == null ? "null" : "\"" + parent + "\"";
        String classCode = type.equals("endpoint") ? "0x020000" : "0x060400";
        return "{\"bdf\": \"" + bdf + "\", \"parent\": " + parentJson + ", \"class\": \"" + classCode
                + "\", \"vendor\": \"0x8086\", \"device\": \"0x1234\", \"type\": \"" + type + "\"" + extra + "}";
    }
}
