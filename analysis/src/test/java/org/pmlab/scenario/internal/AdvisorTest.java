package org.pmlab.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.hw.api.PowerState.D0;
import static org.pmlab.hw.api.PowerState.D3COLD;
import static org.pmlab.hw.api.PowerState.D3HOT;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmlab.energy.internal.PowerModelAccess;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pm.api.Errno;
import org.pmlab.scenario.api.Advice;
import org.pmlab.scenario.api.AdviceRow;
import org.pmlab.scenario.api.Knob;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** sim:advise on the embedded topology: the knob matrix for its GPU and its NVMe behind a hot-plug port. */
class AdvisorTest {

    private static final Bdf GPU = Bdf.parse("0000:01:00.0");
    private static final Bdf NVME = Bdf.parse("0000:06:00.0");

    private final TestLab lab = new TestLab(new JsonTopologyCodec().defaultTopology(), KernelVersion.NEWEST, "acpi-sim");
    private final AdvisorComponent advisor = new AdvisorComponent(lab, lab.vfio, PowerModelAccess.defaults());

    private static AdviceRow row(Advice a, Map<Knob, String> where) {
        return a.rows().stream().filter(r -> where.entrySet().stream().allMatch(e -> r.knobs().get(e.getKey())
                .contains(e.getValue()))).findFirst().orElseThrow();
    }

    @Test
    void theGpuMatrixIsSortedByIdlePowerCoversEveryCombinationOnceAndMarksTheCurrentSetting() {
        List<KernelVersion> ks = List.of(KernelVersion.V5_18, KernelVersion.V6_1);
        Advice a = advisor.advise(lab.live(), GPU, ks);
        assertThat(a.port()).isEqualTo(Bdf.parse("0000:00:01.0"));
        assertThat(a.rows()).extracting(AdviceRow::idleWatts).isSorted();
        // every combination is in exactly one row
        long combos = a.domains().values().stream().mapToLong(List::size).reduce(1, (x, y) -> x * y);
        long covered = a.rows().stream().mapToLong(r -> r.knobs().values().stream().mapToLong(List::size)
                .reduce(1, (x, y) -> x * y)).sum();
        assertThat(covered).isEqualTo(combos);
        // the lowest: runtime PM takes device and port into D3cold, with the GPU risk named
        AdviceRow lowest = a.rows().get(0);
        assertThat(lowest.device()).isEqualTo(D3COLD);
        assertThat(lowest.bridges()).containsExactly(D3COLD);
        assertThat(lowest.knobs().get(Knob.KERNEL)).containsExactly("6.1");
        assertThat(lowest.risks()).contains("GPU loses power in D3cold: some GPUs never come back from it");
        // the old driver: D3hot with the port held in D0, whatever the sysfs knobs say
        AdviceRow legacy = row(a, Map.of(Knob.KERNEL, "5.18", Knob.DISABLE_IDLE_D3, "0"));
        assertThat(legacy.device()).isEqualTo(D3HOT);
        assertThat(legacy.bridges()).containsExactly(D0);
        assertThat(legacy.knobs().get(Knob.CONTROL)).containsExactly("auto", "on");
        // disable_idle_d3=1 keeps it in D0 and costs the most
        AdviceRow kept = row(a, Map.of(Knob.KERNEL, "6.1", Knob.DISABLE_IDLE_D3, "1"));
        assertThat(kept.device()).isEqualTo(D0);
        assertThat(kept.idleWatts()).isGreaterThan(lowest.idleWatts());
        // the live machine runs 6.18, not tried here: no row is marked
        assertThat(a.rows()).noneMatch(AdviceRow::current);
        Advice withCurrent = advisor.advise(lab.live(), GPU, List.of(KernelVersion.NEWEST));
        assertThat(withCurrent.rows()).filteredOn(AdviceRow::current).singleElement()
                .satisfies(r -> assertThat(r.knobs().get(Knob.CONTROL)).containsExactly("on"));
    }

    @Test
    void aPortD3coldNotAllowedKeepsTheSharedRailUpAndTheGpuPhysicallyInD3hot() {
        Advice a = advisor.advise(lab.live(), GPU, List.of(KernelVersion.V6_1));
        AdviceRow r = row(a, Map.of(Knob.DISABLE_IDLE_D3, "0", Knob.D3COLD_ALLOWED, "1", Knob.PORT_D3COLD_ALLOWED, "0",
                Knob.CONTROL, "auto", Knob.PORT_CONTROL, "auto", Knob.PCIE_PORT_PM, "default"));
        assertThat(r.device()).isEqualTo(D3COLD);
        assertThat(r.bridges()).containsExactly(D3HOT);
        // 5 W for the GPU still on its rail (D3hot), 0.2 W for the port in D3hot
        assertThat(r.idleWatts()).isEqualTo(5.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.risks()).isEmpty();
    }

    @Test
    void aGpuThatDoesNotComeBackFailsOnlyWhereItLosesPower() {
        lab.live().faults().add(new Fault(GPU.toString(), "d3cold_exit", Errno.EIO.negative(), false));
        Advice a = advisor.advise(lab.live(), GPU, List.of(KernelVersion.V6_1));
        AdviceRow lowest = a.rows().get(0);
        assertThat(lowest.resumeResult()).isEqualTo(Errno.ENODEV.negative());
        assertThat(lowest.resumeNs()).isGreaterThan(65_000_000_000L);
        assertThat(lowest.risks()).contains("the first open fails: -ENODEV (-19)");
        assertThat(a.rows().subList(1, a.rows().size())).allSatisfy(r -> assertThat(r.resumeResult()).isZero());
    }

    @Test
    void theNvmeBehindTheNativeHotplugPortIsKeptFromD3coldByTheFirmwareNotTheHotplugRule() {
        Advice a = advisor.advise(lab.live(), NVME, List.of(KernelVersion.V6_1));
        assertThat(a.port()).isEqualTo(Bdf.parse("0000:05:00.0"));
        assertThat(a.bridges()).containsExactly(Bdf.parse("0000:05:00.0"), Bdf.parse("0000:04:00.0"), Bdf.parse("0000:00:1c.0"));
        AdviceRow lowest = a.rows().get(0);
        assertThat(lowest.device()).isEqualTo(D3HOT);
        // 00:1c.0's native hot-plug is blessed by its companion, but the sibling NVMe keeps the switch up
        assertThat(lowest.bridges()).containsExactly(D3HOT, D0, D0);
    }

    @Test
    void aBridgeIsRefused() {
        assertThatThrownBy(() -> advisor.advise(lab.live(), Bdf.parse("0000:00:01.0"), List.of(KernelVersion.V6_1)))
                .hasMessage("0000:00:01.0 is a bridge: sim:advise takes an endpoint vfio-pci can bind");
    }

    @Test
    void theCoverIsExact() {
        List<List<String>> domains = List.of(List.of("0", "1"), List.of("a", "b", "c"), List.of("x", "y"));
        List<List<String>> all = Cover.product(domains);
        List<List<String>> some = all.stream().filter(t -> !t.get(1).equals("c") || t.get(0).equals("1")).toList();
        List<List<List<String>>> cubes = Cover.cubes(some, domains);
        assertThat(Cover.exact(cubes, some)).isTrue();
        assertThat(cubes).hasSizeLessThan(some.size());
    }
}
