package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PortType;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.testkit.Property;
import org.pmlab.topology.api.Topology;

class TopologyRoundTripPropertyTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Test
    void writtenTopologyParsesBackEqual() {
        Property.forAll("topology round trip", TopologyGen.topologies()).seed(0x7090).tries(300).check(topology -> {
            String json = codec.write(topology);

            assertThat(codec.parse(json, "generated.json")).isEqualTo(topology);
        });
    }

    @Test
    void writingIsStable() {
        Property.forAll("topology writing is stable", TopologyGen.topologies()).seed(0x7091).tries(100).check(topology -> {
            String json = codec.write(topology);

            assertThat(codec.write(codec.parse(json, "generated.json"))).isEqualTo(json);
        });
    }

    /** The properties above are only as good as the variety of what they are fed. */
    @Test
    void generatorReachesEveryKindOfFunction() {
        List<DeviceSpec> devices = Property.samples(TopologyGen.topologies(), 0x7092, 200)
                .flatMap(t -> t.devices().stream()).collect(Collectors.toList());

        assertThat(devices).extracting(DeviceSpec::portType).contains(PortType.values());
        assertThat(devices).anySatisfy(d -> assertThat(d.sriov()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.acpi()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.pm()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.label()).isNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.bdf().bus()).isGreaterThan(4));
        assertThat(devices).anyMatch(d -> d.acpi() != null && !d.acpi().pr3().isEmpty());
    }
}
