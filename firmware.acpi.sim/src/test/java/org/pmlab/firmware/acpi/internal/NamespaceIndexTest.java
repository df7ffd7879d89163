package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;

/** The namespace's lookups: what its maps and name sets answered, its index answers. */
class NamespaceIndexTest {

    private static AcpiNamespace namespace(Bench bench) {
        FakeMachine m = bench.attach().machine;
        return AcpiNamespace.build(m.topology(), new AmlMethods(m.faults), new FirmwareEvents(m));
    }

    @Test
    void companionsAndResourcesAreFoundByKeyAndListedInTopologyOrder() {
        AcpiNamespace ns = namespace(Bench.fwA().resource("PEXT", false));

        assertThat(ns.companion(Bdf.parse(EP)).name()).isEqualTo(EP);
        assertThat(ns.companion(Bdf.parse("0000:02:00.0"))).isNull();
        assertThat(ns.companions()).extracting(AcpiDevice::name).containsExactly(RP, EP);
        assertThat(ns.resources()).extracting(PowerResource::name).containsExactly("PSLT", "PEXT");
        assertThat(ns.hasResource("PSLT")).isTrue();
        assertThat(ns.hasResource("pslt")).isFalse();
        assertThat(ns.hasResource(null)).isFalse();
        assertThatThrownBy(() -> ns.companions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void psFaultTargetsAreCompanionsWithTheMethodSpelledAsTheirName() {
        AcpiNamespace ns = namespace(new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().pr0("PSLT").pr3("PSLT"))
                .endpoint("0000:01:0a.0", RP, Acpi.at("\\_SB.PCI0.RP01.PXSX").ps3())
                .endpoint("0000:01:0b.0", RP, null));

        assertThat(ns.hasPs0(RP)).isTrue();
        assertThat(ns.hasPs3(RP)).isFalse();
        // only _PS3 on its own is not power manageable: acpi_bus_get_power_flags reads no _PSx then
        assertThat(ns.hasPs3("0000:01:0a.0")).isFalse();
        assertThat(ns.hasPs0("0000:01:0b.0")).isFalse();
        assertThat(ns.hasPs0("0000:00:01.0 ")).isFalse();
        assertThat(ns.hasPs0("PSLT")).isFalse();
        assertThat(ns.hasPs0(null)).isFalse();
        assertThat(ns.hasPs0("0000:00:01.0".toUpperCase())).isTrue(); // no letters in it
        AcpiNamespace hex = namespace(new Bench().rootPort("0000:00:1c.0", HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0()));
        assertThat(hex.hasPs0("0000:00:1c.0")).isTrue();
        assertThat(hex.hasPs0("0000:00:1C.0")).isFalse();
    }

    @Test
    void aKeyAddedAgainReplacesTheValueInItsPlace() {
        OrderedIndex<String, String[]> index = new OrderedIndex<>(v -> v[0]);
        index.put(new String[] {"a", "1"});
        index.put(new String[] {"b", "1"});
        index.put(new String[] {"a", "2"});

        assertThat(index.values()).extracting(v -> v[0] + v[1]).containsExactly("a2", "b1");
        assertThat(index.get("a")[1]).isEqualTo("2");
    }

    @Test
    void manyKeysGrowTheTableAndAllAreFound() {
        OrderedIndex<Integer, Integer> index = new OrderedIndex<>(v -> v / 2);
        List<Integer> values = IntStream.range(0, 10_000).map(i -> i * 2).boxed().toList();
        values.forEach(index::put);
        index.trim();

        assertThat(index.values()).isEqualTo(values);
        for (int i = 0; i < 10_000; i++) {
            assertThat(index.get(i)).isEqualTo(i * 2);
        }
        assertThat(index.get(10_000)).isNull();
        assertThat(index.get("0")).isNull();
    }
}
