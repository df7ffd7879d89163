package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.shell.internal.BulkBindTest.below;
import static org.pmlab.shell.internal.BulkBindTest.cls;
import static org.pmlab.shell.internal.BulkBindTest.drv;
import static org.pmlab.shell.internal.BulkBindTest.ids;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.topology.api.FleetShape;

class PciListingTest {

    private final FleetLab lab = new FleetLab(new FleetShape("small", 3, 2, 2, 3, 1, 2));

    @Test
    void theListWrittenAsItGoesIsTheTableOfAllItsRows() {
        new PciCommands(new Steps(lab)).bind(cls("0x0300"), ids(""), below(""), drv("vfio-pci"));
        Table expected = new Table("BDF", "CLASS", "DRIVER", "POWER", "RUNTIME", "USAGE", "CONTROL");
        for (PciDevice d : lab.machine.pci().devices()) {
            PciViews.Row r = PciListing.row(d);
            expected.row(r.bdf(), r.className(), r.driver(), r.power(), r.runtime(), r.usage(), r.control());
        }
        StringBuilder printed = new StringBuilder();
        ChunkedOut out = new ChunkedOut(printed::append);

        assertThat(ResultFormatter.print(PciListing.list(lab.machine), null, out)).isTrue();
        out.flush();

        assertThat(printed.toString()).isEqualTo(expected.toString());
        assertThat(printed.toString().lines()).hasSize(lab.machine.pci().devices().size() + 1);
    }

    @Test
    void theTreeShowsEveryFunctionOnceBelowItsBridgeWithAlignedColumns() {
        String tree = PciListing.tree(lab.machine).render();
        List<String> lines = tree.lines().toList();

        assertThat(lines.get(0)).isEqualTo("pci0000:00");
        assertThat(lines.get(1)).startsWith("+-- 0000:00:00.0 Host bridge");
        assertThat(lines).hasSize(lab.machine.pci().devices().size() + 1);
        // a switch's upstream port sits below its root port, its downstream ports below it, and so on to the slots
        assertThat(tree).contains("\n|   \\-- 0000:01:00.0 PCI bridge ").contains("\n|       |   \\-- 0000:03:00.0 PCI bridge ")
                .contains("\n|       |       |   +-- 0000:05:00.0 VGA compatible controller ");
        int driverColumn = lines.get(1).indexOf("  -  ") + 2;
        for (String l : lines.subList(1, lines.size())) {
            assertThat(l.substring(driverColumn - 2)).as(l).matches("  (pcieport|-       )  (unknown|D0     |D3hot  )  \\w+");
        }
    }

    @Test
    void theSummaryCountsFunctionsByDriverPowerStateAndRuntimeStatus() {
        new PciCommands(new Steps(lab)).bind(cls("0x0300"), ids(""), below(""), drv("vfio-pci"));

        // 3 root ports, each above 2 levels of 2-port switches (9 ports) and 4 slots of 3 GPUs and a PF; the
        // unbound PFs keep their slots' ports, and so everything above, awake
        assertThat(PciListing.summary(lab.machine).render()).isEqualTo(String.join("\n",
                "DRIVER    POWER    RUNTIME    FUNCTIONS",
                "-         unknown  active     13",
                "pcieport  D0       active     30",
                "vfio-pci  D3hot    suspended  36",
                "79 functions"));
    }
}
