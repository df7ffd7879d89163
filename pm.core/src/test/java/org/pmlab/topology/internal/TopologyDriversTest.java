package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pmlab.topology.api.DriverProfile;
import org.pmlab.topology.api.IdleCallback;
import org.pmlab.topology.api.ProfileCall;
import org.pmlab.topology.api.ProfileCondition;
import org.pmlab.topology.api.ProfileStep;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/** The {@code drivers} section of a topology: native driver profiles read, checked and written back. */
class TopologyDriversTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    private static String withDrivers(String drivers) {
        return """
                {"name": "t", "platform": {"biosYear": 2022}, "drivers": [%s], "devices": [
                  {"bdf": "0000:00:01.0", "class": "0x060400", "vendor": "0x8086", "device": "0x460d", "type": "root-port"},
                  {"bdf": "0000:01:00.0", "parent": "0000:00:01.0", "class": "0x020000", "vendor": "0x8086",
                   "device": "0x1533", "type": "endpoint", "driver": "igb-nowol"}
                ]}""".formatted(drivers);
    }

    private static final String IGB = """
            {"name": "igb-nowol", "description": "an igb NIC with WoL off",
             "probe": ["pci_enable_device_mem", "pm_runtime_put_noidle if pci_dev_run_wake"],
             "remove": ["pm_runtime_get_noresume if pci_dev_run_wake", "pci_disable_device"],
             "idle": "pm_schedule_suspend 5000"}""";

    @Test
    void aProfileReadsIntoStepsAndWritesBackToAnEqualTopology() {
        Topology t = codec.parse(withDrivers(IGB), "t.json");
        DriverProfile p = t.drivers().get(0);
        assertThat(p.name()).isEqualTo("igb-nowol");
        assertThat(p.pmOps()).isTrue();
        assertThat(p.probe()).containsExactly(ProfileStep.of(ProfileCall.PCI_ENABLE_DEVICE_MEM),
                ProfileStep.of(ProfileCall.PM_RUNTIME_PUT_NOIDLE).when(ProfileCondition.RUN_WAKE));
        assertThat(p.idle()).isEqualTo(new IdleCallback(IdleCallback.Kind.SCHEDULE_SUSPEND, 5000));
        String written = codec.write(t);
        assertThat(written).contains("\"drivers\"");
        assertThat(codec.parse(written, "written")).isEqualTo(t);
    }

    @Test
    void aTopologyWithoutDriversWritesNoDriversField() {
        assertThat(codec.write(codec.defaultTopology())).doesNotContain("\"drivers\"");
    }

    @Test
    void anUnknownCallIsNamedWithItsPath() {
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "x", "probe": ["pci_enable_device", "pm_runtime_put_noidel"]}"""), "t.json"))
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("t.json: $.drivers[0].probe[1]: unknown call 'pm_runtime_put_noidel'; expected one of: ");
    }

    @Test
    void badArgumentsAndConditionsAreRefused() {
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "x", "probe": ["device_init_wakeup"]}"""), "t.json"))
                .hasMessage("t.json: $.drivers[0].probe[0]: device_init_wakeup takes on or off");
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "x", "remove": ["pm_runtime_put if sometimes"]}"""), "t.json"))
                .hasMessageContaining("$.drivers[0].remove[0]: unknown condition 'sometimes'");
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "x", "idle": "maybe"}"""), "t.json"))
                .hasMessageContaining("$.drivers[0].idle: unknown idle callback 'maybe'");
    }

    @Test
    void namesMustBeFreeAndUnique() {
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "vfio-pci"}"""), "t.json"))
                .hasMessageContaining("$.drivers[0].name: 'vfio-pci' is one of pmlab's own drivers");
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "a"}, {"name": "a"}"""), "t.json"))
                .hasMessage("t.json: $.drivers[1].name: duplicate driver name 'a', already declared at $.drivers[0]");
        assertThatThrownBy(() -> codec.parse(withDrivers("""
                {"name": "a", "prob": []}"""), "t.json"))
                .hasMessageContaining("$.drivers[0].prob: unknown field 'prob'");
    }
}
