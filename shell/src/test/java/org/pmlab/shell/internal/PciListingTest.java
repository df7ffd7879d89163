package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pmlab.topology.api.FleetShape;

class PciListingTest {

    private final FleetLab lab = new FleetLab(new FleetShape("small", 3, 2, 2, 3, 1, 2));

    @Test
    void aStreamedListIsTheSameTextAsTheBuiltOne() {
        new PciCommands(new Steps(lab)).bind("0x0300", "", "", "vfio-pci");
        String built = PciListing.list(lab.machine, null, Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        assertThat(PciListing.list(lab.machine, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)).isNull();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(built + "\n"); // as the shell prints a result
        assertThat(built.lines()).hasSize(lab.machine.pci().devices().size() + 1);
    }

    @Test
    void aStreamedTreeIsTheSameTextAsTheBuiltOne() {
        String built = PciListing.tree(lab.machine, null, Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        assertThat(PciListing.tree(lab.machine, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)).isNull();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(built + "\n");
        assertThat(built).startsWith("pci0000:00\n+-- 0000:00:00.0 Host bridge").contains("\\-- 0000:0");
    }

    @Test
    void theSummaryCountsFunctionsByDriverPowerStateAndRuntimeStatus() {
        new PciCommands(new Steps(lab)).bind("0x0300", "", "", "vfio-pci");

        // 3 root ports, each above 2 levels of 2-port switches (9 ports) and 4 slots of 3 GPUs and a PF; the
        // unbound PFs keep their slots' ports, and so everything above, awake
        assertThat(PciListing.summary(lab.machine)).isEqualTo(String.join("\n",
                "DRIVER    POWER    RUNTIME    FUNCTIONS",
                "-         unknown  active     13",
                "pcieport  D0       active     30",
                "vfio-pci  D3hot    suspended  36",
                "79 functions"));
    }
}
