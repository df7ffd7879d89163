package org.pmlab.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PortType;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.topology.api.Topology;

class FleetGeneratorTest {

    private final JsonTopologyCodec codec = new JsonTopologyCodec();

    @Test
    void generatedHostIsValidAndReadsBackEqual() {
        Topology t = new FleetLayout(new FleetShape("fleet", 3, 2, 2, 2, 1, 8)).generate();

        assertThat(codec.parse(codec.write(t), "fleet.json")).isEqualTo(t);
    }

    @Test
    void countsMatchTheShape() {
        FleetShape shape = new FleetShape("fleet", 5, 2, 3, 4, 2, 16);
        Topology t = new FleetLayout(shape).generate();

        // per root port: itself, 1+3 ports of the top switch, 3 switches of 1+3 ports, 9 slots of 6 functions
        assertThat(shape.functionsPerRootPort()).isEqualTo(1 + 4 + 3 * 4 + 9 * 6);
        assertThat(t.devices()).hasSize((int) shape.functions());
        assertThat(t.devices()).filteredOn(d -> d.portType() == PortType.HOST_BRIDGE).hasSize(shape.domains());
        assertThat(t.devices()).filteredOn(d -> d.portType() == PortType.ROOT_PORT).hasSize(5);
        assertThat(t.devices()).filteredOn(DeviceSpec::slot).hasSize(45);
        assertThat(t.devices()).filteredOn(d -> d.classCode() == FleetLayout.VGA).hasSize(45 * 4);
        assertThat(t.devices()).filteredOn(d -> d.sriov() != null).hasSize(45 * 2);
        assertThat(shape.virtualFunctions()).isEqualTo(45 * 2 * 16);
        assertThat(t.powerResources()).hasSize(45);
    }

    @Test
    void everySlotPortHasItsOwnPowerResourceForD3cold() {
        Topology t = new FleetLayout(new FleetShape("fleet", 2, 1, 4, 1, 0, 0)).generate();

        Set<String> named = new HashSet<>();
        for (DeviceSpec slot : t.devices().stream().filter(DeviceSpec::slot).toList()) {
            assertThat(slot.portType()).isEqualTo(PortType.DOWNSTREAM_PORT);
            assertThat(slot.acpi().pr3()).hasSize(1).isEqualTo(slot.acpi().pr0());
            assertThat(named.add(slot.acpi().pr3().get(0))).isTrue();
        }
        assertThat(named).hasSize(8);
    }

    @Test
    void slotRightBelowTheRootPortWhenThereAreNoSwitches() {
        Topology t = new FleetLayout(new FleetShape("flat", 2, 0, 1, 2, 0, 0)).generate();

        assertThat(t.devices()).extracting(d -> d.bdf() + " " + d.portType().word() + " " + d.parent()).containsExactly(
                "0000:00:00.0 host-bridge null",
                "0000:00:01.0 root-port null",
                "0000:01:00.0 endpoint 0000:00:01.0",
                "0000:01:00.1 endpoint 0000:00:01.0",
                "0000:00:01.1 root-port null",
                "0000:02:00.0 endpoint 0000:00:01.1",
                "0000:02:00.1 endpoint 0000:00:01.1");
        assertThat(t.devices().get(1).slot()).isTrue();
        assertThat(t.devices().get(1).acpi().path()).isEqualTo("\\_SB.P000.R000");
    }

    @Test
    void vfsThatSpillOverTheSlotBusKeepThoseBusNumbersFree() {
        // 2 PFs with 200 VFs each: 402 routing IDs, so each slot takes buses b and b+1
        FleetShape shape = new FleetShape("nics", 2, 0, 1, 0, 2, 200);
        Topology t = new FleetLayout(shape).generate();

        assertThat(shape.busesPerSlot()).isEqualTo(2);
        assertThat(t.devices()).extracting(d -> d.bdf().toString()).contains("0000:01:00.0", "0000:01:00.1",
                "0000:03:00.0", "0000:03:00.1");
        DeviceSpec pf1 = t.devices().stream().filter(d -> d.bdf().equals(Bdf.parse("0000:01:00.1"))).findFirst().orElseThrow();
        // VF 0 of PF 1 comes right after the 200 VFs of PF 0, which follow the two PFs
        assertThat(pf1.bdf().plusRoutingId(pf1.sriov().vfOffset())).isEqualTo(new Bdf(0, 1, 0, 0).plusRoutingId(202));
        assertThat(codec.parse(codec.write(t), "nics.json")).isEqualTo(t);
    }

    @Test
    void aNewDomainStartsWhenTheBusNumbersRunOut() {
        // depth 1, fanout 8: 10 buses per root port, 25 root ports per domain
        FleetShape shape = new FleetShape("wide", 30, 1, 8, 1, 0, 0);
        Topology t = new FleetLayout(shape).generate();

        assertThat(shape.rootPortsPerDomain()).isEqualTo(25);
        assertThat(shape.domains()).isEqualTo(2);
        List<DeviceSpec> bridges = t.devices().stream().filter(d -> d.portType() == PortType.HOST_BRIDGE).toList();
        assertThat(bridges).extracting(d -> d.bdf().toString()).containsExactly("0000:00:00.0", "0001:00:00.0");
        assertThat(codec.parse(codec.write(t), "wide.json")).isEqualTo(t);
    }

    @Test
    void theSmallestHostWithAtLeastTheAskedFunctions() {
        FleetShape shape = FleetShape.withFunctions("sized", 10_000, 2, 4, 8, 0, 0);
        FleetShape oneLess = new FleetShape("sized", shape.rootPorts() - 1, 2, 4, 8, 0, 0);

        assertThat(shape.functions()).isGreaterThanOrEqualTo(10_000);
        assertThat(oneLess.functions()).isLessThan(10_000);
    }

    @Test
    void shapesTheBusesCannotHoldAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new FleetShape("x", 1, 3, 8, 8, 0, 0))
                .hasMessage("one root port's tree needs 658 bus numbers, more than the 255 of a PCI domain: "
                        + "use a smaller fanout, switch depth or number of VFs");
        assertThatThrownBy(() -> new FleetShape("x", 1, 0, 1, 0, 1, 0)).hasMessage("each PF needs 1-65535 VFs, got 0");
        assertThatThrownBy(() -> new FleetShape("x", 1, 0, 1, 200, 100, 0))
                .hasMessage("a slot holds 1-256 functions (endpoints plus PFs), got 200 endpoints and 100 PFs");
        assertThatThrownBy(() -> new FleetShape("x", 1, 0, 33, 1, 0, 0)).hasMessageStartingWith("a switch has 1-32");
    }

    @Test
    void aStreamedFileIsWhatTheCodecWritesOfTheWholeTopology(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        FleetShape shape = new FleetShape("streamed", 120, 2, 3, 2, 1, 8); // more than WorkProgress.EVERY functions
        java.nio.file.Path file = dir.resolve("fleet.json");
        List<Long> reports = new java.util.ArrayList<>();

        new FleetGenerator().write(shape, file, (done, total) -> reports.add(done));

        assertThat(java.nio.file.Files.readString(file)).isEqualTo(codec.write(new FleetGenerator().generate(shape)));
        assertThat(codec.read(file).devices()).hasSize((int) shape.functions());
        assertThat(reports).isNotEmpty().isSorted();
    }

    @Test
    void aWriteStoppedByItsProgressLeavesNoFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("fleet.json");

        assertThatThrownBy(() -> new FleetGenerator().write(new FleetShape("big", 100, 2, 4, 8, 0, 0), file, (done, total) -> {
            throw new IllegalStateException("interrupted");
        })).hasMessage("interrupted");

        assertThat(file).doesNotExist();
    }
}
