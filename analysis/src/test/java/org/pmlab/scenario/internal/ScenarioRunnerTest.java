package org.pmlab.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.hw.api.PowerState.D0;
import static org.pmlab.hw.api.PowerState.D3COLD;
import static org.pmlab.hw.api.PowerState.D3HOT;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.energy.internal.PowerModelAccess;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.scenario.api.CompareRequest;
import org.pmlab.scenario.api.Phase;
import org.pmlab.scenario.api.Scenario;
import org.pmlab.scenario.api.ScenarioCell;
import org.pmlab.scenario.api.ScenarioTable;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** sim:compare's scenarios on both firmware models and several kernels, from the default topology. */
class ScenarioRunnerTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Bdf PF = Bdf.parse("0000:02:00.0");
    private static final List<KernelVersion> KERNELS = List.of(KernelVersion.V5_18, KernelVersion.V5_19,
            KernelVersion.V6_1, KernelVersion.NEWEST);
    private static final List<String> FIRMWARE = List.of("acpi-sim", "nod3cold");

    private final TestLab lab = new TestLab(new JsonTopologyCodec().defaultTopology(), KernelVersion.NEWEST, "acpi-sim");
    private final ScenarioRunnerComponent runner = new ScenarioRunnerComponent(lab, lab.vfio, PowerModelAccess.defaults());

    private ScenarioTable run(Scenario s, Bdf device) {
        return runner.compare(lab.live(), new CompareRequest(List.of(s), KERNELS, FIRMWARE, device, Duration.ofSeconds(10)))
                .get(0);
    }

    private static ScenarioCell cell(ScenarioTable t, String fw, KernelVersion k) {
        return t.cells().stream().filter(c -> c.firmware().equals(fw) && c.kernel().equals(k)).findFirst().orElseThrow();
    }

    private static List<List<PowerState>> states(ScenarioCell c) {
        return c.phases().stream().map(p -> {
            List<PowerState> l = new java.util.ArrayList<>();
            l.add(p.device());
            l.addAll(p.bridges());
            return l;
        }).toList();
    }

    @Test
    void boundIdleReproducesTheSeedsTableAndItsEnergy() {
        ScenarioTable t = run(Scenario.BOUND_IDLE, null);
        assertThat(t.device()).isEqualTo(GPU);
        assertThat(t.cells()).hasSize(8);
        for (KernelVersion k : KERNELS) {
            boolean legacy = k.before(KernelVersion.V5_19);
            assertThat(states(cell(t, "acpi-sim", k))).containsExactly(legacy ? List.of(D3HOT, D0) : List.of(D3COLD, D3COLD));
            assertThat(states(cell(t, "nod3cold", k))).containsExactly(legacy ? List.of(D3HOT, D0) : List.of(D3HOT, D3HOT));
        }
        // the port left in D0 by the old driver costs more than the whole hierarchy in D3cold
        assertThat(cell(t, "acpi-sim", KernelVersion.V5_18).joules()).isGreaterThan(cell(t, "acpi-sim", KernelVersion.V6_1).joules());
        assertThat(cell(t, "nod3cold", KernelVersion.V6_1).joules()).isGreaterThan(cell(t, "acpi-sim", KernelVersion.V6_1).joules());
        // 6.1 on ACPI: the port follows 100 ms after the device, with its own 10 ms d3hot_delay
        assertThat(cell(t, "acpi-sim", KernelVersion.V6_1).toLowestNs()).isEqualTo(110_000_000L);
        assertThat(cell(t, "acpi-sim", KernelVersion.V5_18).toLowestNs()).isZero();
    }

    @Test
    void openCloseComesBackToTheLowestStateOnlyWithRuntimePm() {
        ScenarioTable t = run(Scenario.OPEN_CLOSE, GPU);
        assertThat(cell(t, "acpi-sim", KernelVersion.V6_1).phases()).extracting(Phase::name).containsExactly("bound", "open", "closed");
        assertThat(states(cell(t, "acpi-sim", KernelVersion.V6_1)))
                .containsExactly(List.of(D3COLD, D3COLD), List.of(D0, D0), List.of(D3COLD, D3COLD));
        assertThat(states(cell(t, "nod3cold", KernelVersion.V5_19)))
                .containsExactly(List.of(D3HOT, D3HOT), List.of(D0, D0), List.of(D3HOT, D3HOT));
        assertThat(states(cell(t, "acpi-sim", KernelVersion.V5_18)))
                .containsExactly(List.of(D3HOT, D0), List.of(D0, D0), List.of(D3HOT, D0));
        assertThat(t.cells()).allSatisfy(c -> assertThat(c.note()).isNull());
    }

    @Test
    void hotResetBringsTheSetToD0WhileOpenAndLetsItGoBackAfterClose() {
        ScenarioTable t = run(Scenario.HOT_RESET, GPU);
        for (KernelVersion k : KERNELS) {
            assertThat(cell(t, "acpi-sim", k).phases().get(1).device()).isEqualTo(D0);
            assertThat(cell(t, "acpi-sim", k).note()).isNull();
        }
        assertThat(states(cell(t, "acpi-sim", KernelVersion.NEWEST)).get(2)).isEqualTo(List.of(D3COLD, D3COLD));
    }

    @Test
    void sriovHoldsThePfInD0WhileVfsExistAndDefaultsToTheFirstPf() {
        ScenarioTable t = run(Scenario.SRIOV, null);
        assertThat(t.device()).isEqualTo(PF);
        ScenarioCell c = cell(t, "acpi-sim", KernelVersion.V6_1);
        assertThat(c.phases()).extracting(Phase::name).containsExactly("bound", "2 VFs", "VFs off");
        assertThat(states(c)).containsExactly(List.of(D3HOT, D3HOT), List.of(D0, D0), List.of(D3HOT, D3HOT));
        assertThatThrownBy(() -> run(Scenario.SRIOV, GPU)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0000:01:00.0 is not an SR-IOV PF: the sriov scenario needs one");
    }

    @Test
    void aBridgeOrAScenarioItsDeviceCannotRunIsRefusedBeforeAnyMachineBoots() {
        assertThatThrownBy(() -> run(Scenario.OPEN_CLOSE, Bdf.parse("0000:00:01.0")))
                .hasMessage("0000:00:01.0 is a bridge: sim:compare runs its scenarios on an endpoint vfio-pci can bind");
        assertThatThrownBy(() -> runner.compare(lab.live(), new CompareRequest(List.of(Scenario.BOUND_IDLE, Scenario.SRIOV),
                KERNELS, FIRMWARE, GPU, Duration.ofSeconds(10)))).hasMessageContaining("not an SR-IOV PF");
        assertThat(lab.boots).isZero();
    }

    @Test
    void lowPowerEntersD3coldWhileOpenFrom61AndIsRefusedBefore() {
        ScenarioTable t = run(Scenario.LOW_POWER, GPU);
        ScenarioCell acpi61 = cell(t, "acpi-sim", KernelVersion.V6_1);
        assertThat(acpi61.phases()).extracting(Phase::name).containsExactly("open", "low power", "exited", "closed");
        assertThat(states(acpi61)).containsExactly(List.of(D0, D0), List.of(D3COLD, D3COLD), List.of(D0, D0),
                List.of(D3COLD, D3COLD));
        assertThat(states(cell(t, "nod3cold", KernelVersion.V6_1)).get(1)).isEqualTo(List.of(D3HOT, D3HOT));
        assertThat(cell(t, "acpi-sim", KernelVersion.V5_19).note()).isEqualTo("LOW_POWER_ENTRY -ENOTTY (-25) (6.1+)");
    }

    @Test
    void anUnknownFirmwareIsRefusedBeforeAnythingBoots() {
        assertThatThrownBy(() -> runner.compare(lab.live(), new CompareRequest(List.of(Scenario.BOUND_IDLE), KERNELS,
                List.of("bios"), null, Duration.ofSeconds(1)))).hasMessage("no firmware named 'bios'; registered: acpi-sim, nod3cold, or native");
    }
}
