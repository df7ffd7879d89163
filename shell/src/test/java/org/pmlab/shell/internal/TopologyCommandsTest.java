package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.FleetGenerator;
import org.pmlab.topology.internal.JsonTopologyCodec;

class TopologyCommandsTest {

    private final TopologyCommands topology = new TopologyCommands(new FleetGenerator());

    @TempDir
    Path dir;

    @Test
    void writesAHostOfAtLeastTheAskedSizeThatBoots() throws IOException {
        Path file = dir.resolve("fleet.json");

        String out = generate(1000, 0, 2, 4, 8, 1, 32, "fleet", false, file.toString());

        assertThat(out).isEqualTo("wrote " + file + ": 1021 functions: 1 PCI domain, 6 root ports, 96 slots of 8 GPUs "
                + "and 1 NIC PF (3072 VFs once enabled)");
        Topology t = new JsonTopologyCodec().read(file);
        assertThat(t.devices()).hasSize(1021);
        assertThat(t.name()).isEqualTo("fleet");
    }

    @Test
    void writesAShapeGivenByItsRootPorts() throws IOException {
        Path file = dir.resolve("gpus.json");

        assertThat(generate(0, 3, 0, 4, 2, 0, 32, "gpus", false, file.toString()))
                .endsWith(": 10 functions: 1 PCI domain, 3 root ports, 3 slots of 2 GPUs");
    }

    @Test
    void refusesToReplaceAFileUnlessForcedAndSaysWhatIsWrongWithAShape() throws IOException {
        Path file = dir.resolve("taken.json");
        Files.writeString(file, "{}");

        assertThatThrownBy(() -> generate(1000, 0, 2, 4, 8, 1, 32, "fleet", false, file.toString()))
                .hasMessage(file + " exists; --force replaces it");
        assertThat(generate(0, 1, 0, 1, 1, 0, 0, "one", true, file.toString())).startsWith("wrote ");
        assertThatThrownBy(() -> generate(0, 0, 2, 4, 8, 1, 32, "fleet", false, dir.resolve("new.json").toString()))
                .hasMessage("give the size as --functions N or as --root-ports N (one of the two)");
        assertThatThrownBy(() -> generate(0, 1, 3, 8, 8, 0, 0, "fleet", false, dir.resolve("x.json").toString()))
                .hasMessageStartingWith("one root port's tree needs 658 bus numbers");
        assertThatThrownBy(() -> generate(0, 1, 0, 1, 1, 0, 0, "x", false, "/sys/bus/pci/x.json"))
                .hasMessageStartingWith("refusing to write /sys/bus/pci/x.json: ");
        assertThatThrownBy(() -> generate(0, 1, 0, 1, 1, 0, 0, "x", false, dir.resolve("no/such/x.json").toString()))
                .hasMessageStartingWith("cannot write ");
    }

    private String generate(long functions, int rootPorts, int switchDepth, int fanout, int endpoints, int pfs, int vfs,
            String name, boolean force, String file) throws IOException {
        return topology.generate(null, new Args.UInt(functions), new Args.Int(rootPorts), new Args.Int(switchDepth),
                new Args.Int(fanout), new Args.Int(endpoints), new Args.Int(pfs), new Args.Int(vfs), name, force,
                new Args.HostPath(file));
    }
}
