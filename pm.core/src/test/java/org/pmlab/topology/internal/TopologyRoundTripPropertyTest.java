package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pmlab.hw.api.PortType;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;

class TopologyRoundTripPropertyTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Property(tries = 300)
    void writtenTopologyParsesBackEqual(@ForAll("topologies") Topology topology) {
        String json = codec.write(topology);

        assertThat(codec.parse(json, "generated.json")).isEqualTo(topology);
    }

    @Property(tries = 100)
    void writingIsStable(@ForAll("topologies") Topology topology) {
        String json = codec.write(topology);

        assertThat(codec.write(codec.parse(json, "generated.json"))).isEqualTo(json);
    }

    /** The properties above are only as good as the variety of what they are fed. */
    @Example
    void generatorReachesEveryKindOfFunction() {
        List<DeviceSpec> devices = TopologyArbitraries.topologies().sampleStream().limit(200)
                .flatMap(t -> t.devices().stream()).collect(Collectors.toList());

        assertThat(devices).extracting(DeviceSpec::portType).contains(PortType.values());
        assertThat(devices).anySatisfy(d -> assertThat(d.sriov()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.acpi()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.pm()).isNotNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.label()).isNull());
        assertThat(devices).anySatisfy(d -> assertThat(d.bdf().bus()).isGreaterThan(4));
        assertThat(devices).anyMatch(d -> d.acpi() != null && !d.acpi().pr3().isEmpty());
    }

    @Provide
    Arbitrary<Topology> topologies() {
        return TopologyArbitraries.topologies();
    }
}
