package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.topology.api.PowerSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/** A device's own power figures in the topology format: read, written back, and refused when malformed. */
class PowerFiguresCodecTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    private static String host(String power) {
        return """
                {"name": "p", "platform": {"biosYear": 2022}, "devices": [
                  {"bdf": "0000:00:01.0", "class": "0x060400", "vendor": "0x8086", "device": "0x460d", "type": "root-port"},
                  {"bdf": "0000:01:00.0", "parent": "0000:00:01.0", "class": "0x030200", "vendor": "0x10de",
                   "device": "0x1eb8", "type": "endpoint", "power": %s}
                ]}""".formatted(power);
    }

    @Test
    void givenFiguresAreReadAndTheOthersLeftToTheModel() {
        Topology t = codec.parse(host("{\"d0Idle\": 12.5, \"d3hot\": 4, \"d3cold\": 0}"), "p.json");
        PowerSpec p = t.device(Bdf.parse("0000:01:00.0")).orElseThrow().power();

        assertThat(p).isEqualTo(new PowerSpec(null, 12.5, null, null, 4.0, 0.0));
        assertThat(t.device(Bdf.parse("0000:00:01.0")).orElseThrow().power()).isNull();
    }

    @Test
    void figuresRoundTripAndOnlyTheGivenOnesAreWritten() {
        Topology t = codec.parse(host("{\"d0Active\": 75, \"d3cold\": 0.066}"), "p.json");
        String written = codec.write(t);

        assertThat(written).contains("\"power\": { \"d0Active\": 75.0, \"d3cold\": 0.066 }");
        assertThat(codec.parse(written, "again")).isEqualTo(t);
    }

    @Test
    void defaultTopologyHasNoFiguresOfItsOwn() {
        assertThat(codec.defaultTopology().devices()).allSatisfy(d -> assertThat(d.power()).isNull());
    }

    @Test
    void malformedFiguresNameTheFieldAndTheProblem() {
        assertThatThrownBy(() -> codec.parse(host("{\"d3hot\": -1}"), "p.json")).isInstanceOf(TopologyException.class)
                .hasMessage("p.json: $.devices[1].power.d3hot: expected a number of watts, 0 or more, got -1");
        assertThatThrownBy(() -> codec.parse(host("{\"d3hot\": \"4W\"}"), "p.json"))
                .hasMessage("p.json: $.devices[1].power.d3hot: expected a number of watts, got a string");
        assertThatThrownBy(() -> codec.parse(host("{\"d3hott\": 4}"), "p.json"))
                .hasMessageStartingWith("p.json: $.devices[1].power.d3hott: unknown field 'd3hott'; expected one of: d0Active, d0Idle, d1, d2, d3hot, d3cold");
    }
}
