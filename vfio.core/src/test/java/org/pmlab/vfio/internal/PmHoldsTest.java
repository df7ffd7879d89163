package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.PF;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.sim.api.KernelVersion;

/** What vfio-pci tells pci:why about the references it holds, era by era, and that they add up. */
class PmHoldsTest {

    private static List<String> lines(Rig r, Bdf bdf) {
        WhyBlock b = r.m.pci().why(bdf).get(0);
        List<String> out = new ArrayList<>();
        b.lines().forEach(l -> out.add(l.toString()));
        b.lower().forEach(l -> out.add("lower: " + l));
        return out;
    }

    @Test
    void anOpenDeviceIsHeldByVfioPciCoreEnable() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        r.open(EP);
        r.settle();
        assertThat(lines(r, EP)).startsWith("rpm_check_suspend_allowed: usage_count=1 -> -EAGAIN",
                "  vfio_pci_core_enable: open by a user (1 fd)");
        assertThat(lines(r, EP)).contains("lower: close 0000:01:00.0, or enter low power (vfio:low-power 0000:01:00.0 enter)");
    }

    @Test
    void lowPowerEntryDropsTheOpenReferenceAndSaysSo() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.lowPowerEntry(fd)).isZero();
        r.settle();
        assertThat(lines(r, EP)).contains("rpm_suspend: usage_count=0, child_count=0 -> suspended");
        assertThat(r.drv.pmHolds(r.dev(EP))).singleElement().satisfies(h -> {
            assertThat(h.count()).isZero();
            assertThat(h.reason()).isEqualTo("open, low power engaged: the open reference was dropped");
        });
    }

    @Test
    void disableIdleD3KeepsTheProbeReference() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1, null, true).bound(EP);
        assertThat(lines(r, EP)).startsWith("rpm_check_suspend_allowed: usage_count=1 -> -EAGAIN",
                "  vfio_pci_core_register_device: disable_idle_d3=1: the probe reference is kept while bound");
        assertThat(lines(r, EP)).contains("lower: vfio:param disable_idle_d3 0, then rebind 0000:01:00.0 to vfio-pci");
    }

    @Test
    void beforeTheSeedPatchVfioPciKeepsProbeReferenceAndForbid() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V5_18).bound(EP);
        assertThat(lines(r, EP)).startsWith("rpm_check_suspend_allowed: usage_count=2 -> -EAGAIN",
                "  pm_runtime_forbid: power/control=on",
                "  local_pci_probe: vfio-pci before 5.19 keeps the probe reference and leaves runtime PM forbidden; it "
                        + "writes D3hot itself (vfio_pci_set_power_state), so the bridge above stays in D0");
    }

    @Test
    void aPfWithVfsIsHeldBySriovConfigure() {
        Rig r = Rig.boot(Topologies.rpPf(), KernelVersion.V6_1).bound(PF);
        assertThat(r.m.pci().setSriovNumVfs(PF, 2)).isZero();
        r.settle();
        assertThat(lines(r, PF)).startsWith("rpm_check_suspend_allowed: usage_count=1 -> -EAGAIN",
                "  vfio_pci_core_sriov_configure: PF of 2 enabled VFs");
    }

    @Test
    void aBarAccessInFlightHoldsAReferenceOfItsOwn() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        int token = r.user.holdMemoryLock(fd);
        assertThat(token).isPositive();
        assertThat(lines(r, EP)).startsWith("rpm_check_suspend_allowed: usage_count=2 -> -EAGAIN",
                "  vfio_pci_core_enable: open by a user (1 fd)", "  vfio_pci_rw: BAR access in flight (memory_lock held)");
        assertThat(lines(r, EP)).noneMatch(l -> l.contains("no layer accounts for") || l.contains("a leak"));
        r.user.releaseMemoryLock(token);
    }
}
