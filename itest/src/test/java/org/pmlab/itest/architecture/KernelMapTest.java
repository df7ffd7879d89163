package org.pmlab.itest.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docs/kernel-map.md} says what the code's {@code @Kernel} annotations say. */
class KernelMapTest {

    private static final Path DOC = Path.of("..", "docs", "kernel-map.md");
    private static final Path CURRENT = Path.of("target", "kernel-map.md");

    private static List<KernelMap.Row> rows;

    @BeforeAll
    static void importClasses() {
        rows = KernelMap.rows(BuiltClasses.get());
    }

    @Test
    void docsKernelMapMatchesTheAnnotations() throws IOException {
        String current = KernelMap.markdown(rows);
        Files.createDirectories(CURRENT.getParent());
        Files.writeString(CURRENT, current);
        String documented = Files.exists(DOC) ? Files.readString(DOC) : "";
        assertThat(documented)
                .as("docs/kernel-map.md is out of date with the @Kernel annotations: copy itest/target/kernel-map.md to docs/kernel-map.md")
                .isEqualTo(current);
    }

    @Test
    void mapsTheFunctionsEachLayerIsBuiltAround() {
        List<String> functions = rows.stream().map(KernelMap.Row::function).collect(Collectors.toList());
        assertThat(functions).contains("rpm_idle", "rpm_suspend", "rpm_resume", "pci_bridge_d3_possible",
                "pci_target_state", "acpi_power_on", "vfio_pci_core_enable", "vfio_pci_dev_set_try_reset");
    }

    @Test
    void everyRowNamesItsKernelFile() {
        assertThat(rows).filteredOn(r -> r.file().isEmpty()).as("@Kernel without a file on the member or its class")
                .isEmpty();
    }
}
