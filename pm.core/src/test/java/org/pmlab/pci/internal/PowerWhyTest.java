package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.pci.internal.TestTopologies.EP;
import static org.pmlab.pci.internal.TestTopologies.RP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;

/** {@code pci:why}: one scenario per refusal reason of the chain, each asserting its decisive line. */
class PowerWhyTest {

    /** The lines of one function's block, as pci:why prints them. */
    private static List<String> lines(PciFixture f, Bdf bdf) {
        for (WhyBlock b : f.m.pci().why(EP.equals(bdf) ? EP : bdf)) {
            if (b.bdf().equals(bdf)) {
                List<String> out = new ArrayList<>();
                b.lines().forEach(l -> out.add(l.toString()));
                b.lower().forEach(l -> out.add("lower: " + l));
                return out;
            }
        }
        throw new AssertionError("no block for " + bdf);
    }

    private static String text(PciFixture f, Bdf bdf) {
        return lines(f, bdf).stream().collect(Collectors.joining("\n"));
    }

    private static Topology withPort(HotplugKind hp, int biosYear, AcpiDeviceSpec portAcpi) {
        List<DeviceSpec> d = new ArrayList<>();
        d.add(TestTopologies.port(RP, null, PortType.ROOT_PORT, hp, portAcpi));
        d.add(TestTopologies.endpoint(EP, RP, false, null));
        return new Topology("t", new PlatformSpec("test", biosYear), List.of(), d);
    }

    // ---- runtime PM: rpm_check_suspend_allowed in its order, then the callbacks ----

    @Test
    void aStickyRuntimeErrorIsTheDecisiveLine() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        f.m.faults().add(new Fault(EP.toString(), BusPm.FAULT_SUSPEND, Errno.EIO.negative(), true));
        f.bindTestDriver(EP);
        assertThat(lines(f, EP).get(0)).isEqualTo(
                "rpm_check_suspend_allowed: runtime_error=-5 -> -EINVAL (sticky until pm_runtime_set_active or pm_runtime_set_suspended)");
    }

    @Test
    void disabledRuntimePmIsTheDecisiveLine() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        f.m.runtimePm().disable(f.dev(EP).pm());
        assertThat(lines(f, EP).get(0)).isEqualTo("rpm_check_suspend_allowed: disable_depth=1 -> -EACCES (runtime PM disabled)");
    }

    @Test
    void powerControlOnHoldsTheReferenceAndSaysHowToDropIt() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        assertThat(lines(f, EP)).startsWith("rpm_check_suspend_allowed: usage_count=1 -> -EAGAIN",
                "  pm_runtime_forbid: power/control=on (pci_pm_init's default: no driver allowed runtime PM)");
        assertThat(lines(f, EP)).contains("lower: echo auto > /sys/bus/pci/devices/0000:01:00.0/power/control");
    }

    @Test
    void aReferenceNoLayerTookIsNamedAsUnaccounted() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        f.m.runtimePm().getSync(f.dev(EP).pm());
        assertThat(lines(f, EP)).startsWith("rpm_check_suspend_allowed: usage_count=1 -> -EAGAIN",
                "  pm_runtime_get: 1 held that no layer accounts for (a pm:get, or a caller in the middle of a step)");
    }

    @Test
    void anActiveChildKeepsThePortAndIsNamedWithItsOwnReason() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        assertThat(lines(f, RP)).startsWith("rpm_check_suspend_allowed: child_count=1 -> -EBUSY",
                "  rpm_check_suspend_allowed(0000:01:00.0): usage_count=1 -> -EAGAIN, held by pm_runtime_forbid: "
                        + "power/control=on (pci_pm_init's default: no driver allowed runtime PM)");
        assertThat(lines(f, RP)).contains("lower: 0000:01:00.0 must suspend first: echo auto > /sys/bus/pci/devices/0000:01:00.0/power/control");
    }

    /** A driver that drops the probe reference and allows runtime PM but has no dev_pm_ops. */
    private static final class NoPmOpsDriver implements PciDriver {
        private final RuntimePm rpm;

        NoPmOpsDriver(RuntimePm rpm) {
            this.rpm = rpm;
        }

        @Override
        public String name() {
            return "no-pm-ops";
        }

        @Override
        public int probe(PciDevice dev) {
            rpm.allow(dev.pm());
            rpm.putNoidle(dev.pm());
            return 0;
        }

        @Override
        public void remove(PciDevice dev) {
            rpm.getNoresume(dev.pm());
            rpm.forbid(dev.pm());
        }

        @Override
        public DevPmOps pm() {
            return null;
        }
    }

    @Test
    void aBoundDriverWithoutDevPmOpsVetoesInThePciIdleCallback() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        f.m.loadDriver(new NoPmOpsDriver(f.m.runtimePm()));
        f.m.pci().setDriverOverride(EP, "no-pm-ops");
        f.m.pci().bind(EP, "no-pm-ops");
        f.settle();
        assertThat(lines(f, EP).get(0)).isEqualTo("pci_pm_runtime_idle: no-pm-ops has no dev_pm_ops -> -ENOSYS");
    }

    @Test
    void aChildWithD3coldNotAllowedVetoesBridgeD3AndThePortIdleRefuses() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        f.m.pci().setD3coldAllowed(EP, false);
        f.settle();
        assertThat(f.state(RP)).isEqualTo(PowerState.D0);
        assertThat(lines(f, RP)).contains("pcie_port_runtime_idle: bridge_d3=0 -> -EBUSY",
                "pci_bridge_d3_update: pci_dev_check_d3cold: 0000:01:00.0 d3cold_allowed=0 -> bridge_d3=0",
                "lower: echo 1 > /sys/bus/pci/devices/0000:01:00.0/d3cold_allowed");
    }

    @Test
    void wakeUpEnabledWithoutPmeFromD3coldVetoesOnlyOnceBridgeD3IsReEvaluated() {
        Topology t = withPort(HotplugKind.NONE, 2022, null);
        List<DeviceSpec> devs = new ArrayList<>(t.devices());
        DeviceSpec ep = devs.get(1);
        devs.set(1, new DeviceSpec(ep.bdf(), ep.parent(), ep.classCode(), ep.vendor(), ep.device(), ep.portType(),
                new PmCapability(false, false, false, Set.of(PowerState.D0, PowerState.D3HOT)), null, HotplugKind.NONE,
                false, true, false, null, null, "nic"));
        PciFixture f = new PciFixture(new Topology("t", t.platform(), List.of(), devs)).bindTestDriver(EP);
        f.m.pci().setWakeup(EP, true);
        // the cached verdict still lets the port suspend; pci:why says the cache is stale
        assertThat(text(f, RP)).contains("pci_bridge_d3_update: bridge_d3=1 (cached; pci_dev_check_d3cold would now refuse: 0000:01:00.0 "
                + "wake-up enabled (device_may_wakeup) without PME from D3cold");
        f.m.pci().setD3coldAllowed(EP, true); // re-runs pci_bridge_d3_update
        f.settle();
        assertThat(lines(f, RP)).contains("pci_bridge_d3_update: pci_dev_check_d3cold: 0000:01:00.0 wake-up enabled "
                + "(device_may_wakeup) without PME from D3cold -> bridge_d3=0");
    }

    // ---- the target state ----

    @Test
    void withoutPlatformManagementTheTargetIsD3hot() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        assertThat(lines(f, EP)).contains("platform_pci_power_manageable: 0 (native: no platform firmware)",
                "pci_target_state: device_can_wakeup=1, no PME from D3hot, D2 or D1 -> D3hot");
    }

    @Test
    void aFunctionWithoutPmCapabilityStaysInD0() {
        List<DeviceSpec> d = new ArrayList<>(TestTopologies.rootPortWithGpu(2022).devices());
        DeviceSpec ep = d.get(1);
        d.set(1, new DeviceSpec(ep.bdf(), ep.parent(), ep.classCode(), ep.vendor(), ep.device(), ep.portType(), null, null,
                HotplugKind.NONE, false, false, false, null, null, "no pm"));
        PciFixture f = new PciFixture(new Topology("t", new PlatformSpec("t", 2022), List.of(), d)).bindTestDriver(EP);
        assertThat(f.pm(EP).runtimeStatus()).isEqualTo("suspended");
        assertThat(lines(f, EP)).contains("pci_target_state: no PM capability -> D0 (runtime suspend is only logical)");
    }

    private static PciFixture acpi() {
        return new PciFixture(TestTopologies.rootPortWithGpuAcpi(), PciePortPm.DEFAULT, new AcpiSimFirmware());
    }

    @Test
    void d3coldAllowedZeroCapsThePlatformsChoiceAtD3hot() {
        PciFixture f = acpi().bindTestDriver(EP);
        f.m.pci().setD3coldAllowed(EP, false);
        f.settle();
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(lines(f, EP)).contains("platform_pci_power_manageable: 1 (acpi-sim: \\_SB.PCI0.RP01.GPU0 has _PS0)",
                "acpi_pci_choose_state: d3cold_allowed=0 -> deepest D3hot",
                "lower: echo 1 > /sys/bus/pci/devices/0000:01:00.0/d3cold_allowed");
    }

    @Test
    void withoutPr3D3coldIsNotValidAndTheFunctionStaysInD3hot() {
        List<DeviceSpec> d = List.of(
                TestTopologies.port(RP, null, PortType.ROOT_PORT, HotplugKind.NONE,
                        TestTopologies.acpi("\\_SB.PCI0.RP01", List.of(), List.of())),
                TestTopologies.endpoint(EP, RP, false, TestTopologies.acpi("\\_SB.PCI0.RP01.GPU0", List.of(), List.of())));
        PciFixture f = new PciFixture(new Topology("t", new PlatformSpec("t", 2022), List.of(), d), PciePortPm.DEFAULT,
                new AcpiSimFirmware()).bindTestDriver(EP);
        assertThat(f.state(EP)).isEqualTo(PowerState.D3HOT);
        assertThat(lines(f, EP)).contains("acpi_device_set_power: D3cold not valid for \\_SB.PCI0.RP01.GPU0 (it needs both _PR0 "
                + "and _PR3 lists) -> records D3hot, main power stays on",
                "pci_target_state: the platform chose D3cold (pci_set_power_state left it in D3hot)");
    }

    @Test
    void theSharedPowerResourceAndItsHoldersAreShown() {
        PciFixture f = acpi();
        assertThat(lines(f, EP)).contains("acpi_power_resource: PSLT on, 2 references (0000:00:01.0, 0000:01:00.0)");
        f.bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("acpi_power_resource: PSLT off, 0 references");
    }

    // ---- pci_bridge_d3_possible, check by check ----

    @Test
    void pciePortPmOffRefusesBridgeD3() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022), PciePortPm.OFF, null).bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: pcie_port_pm=off -> 0",
                "lower: boot without pcie_port_pm=off (sim:param pcie_port_pm default)");
    }

    @Test
    void firmwareHandledHotplugIsRefusedBeforeForce() {
        PciFixture f = new PciFixture(withPort(HotplugKind.FIRMWARE, 2022, null), PciePortPm.FORCE, null).bindTestDriver(EP);
        assertThat(lines(f, RP)).contains(
                "pci_bridge_d3_possible: hot-plug handled by firmware, not natively (checked before pcie_port_pm=force) -> 0",
                "pcie_portdrv_probe: pci_bridge_d3_possible()=0 at probe -> runtime PM left forbidden, probe reference kept",
                "  local_pci_probe: pcie_portdrv_probe found pci_bridge_d3_possible()=0 and kept the probe reference");
    }

    @Test
    void forceAllowsAnOldBios() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2010), PciePortPm.FORCE, null).bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: pcie_port_pm=force -> 1");
    }

    @Test
    void aNativeHotplugPortTheFirmwareDoesNotBlessIsRefused() {
        PciFixture f = new PciFixture(withPort(HotplugKind.NATIVE, 2022, null)).bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: native hot-plug bridge (pciehp) the platform does not bless -> 0",
                "lower: pcie_port_pm=force (sim:param pcie_port_pm force), or _DSD HotPlugSupportInD3 on the Root Port's ACPI companion");
    }

    @Test
    void theFirmwareBlessesAHotplugPortWithHotPlugSupportInD3AndSaysWhichRule() {
        AcpiDeviceSpec rp = new AcpiDeviceSpec("\\_SB.PCI0.RP01", false, false, false, List.of(), List.of(), null, true, true, false);
        PciFixture f = new PciFixture(withPort(HotplugKind.NATIVE, 2022, rp), PciePortPm.DEFAULT, new AcpiSimFirmware())
                .bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: platform_pci_bridge_d3 allows it -> 1",
                "  acpi_pci_bridge_d3: Root Port \\_SB.PCI0.RP01 has _DSD HotPlugSupportInD3 -> 1");
        assertThat(f.state(RP)).isEqualTo(PowerState.D3HOT);
    }

    @Test
    void anOldBiosRefusesAndThePortKeepsItsProbeReference() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2014)).bindTestDriver(EP);
        assertThat(lines(f, RP)).startsWith("rpm_check_suspend_allowed: usage_count=2 -> -EAGAIN",
                "  pm_runtime_forbid: power/control=on",
                "  local_pci_probe: pcie_portdrv_probe found pci_bridge_d3_possible()=0 and kept the probe reference");
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: BIOS year 2014 < 2015 -> 0",
                "lower: pcie_port_pm=force (sim:param pcie_port_pm force): the kernel does not trust bridge D3 on a BIOS older than 2015");
    }

    @Test
    void aRecentBiosAllowsAndTheDecisiveLineSaysSo() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(EP);
        assertThat(lines(f, RP)).contains("pci_bridge_d3_possible: BIOS year 2022 >= 2015 -> 1",
                "pci_bridge_d3_update: bridge_d3=1 (no child vetoes in pci_dev_check_d3cold)",
                "pcie_portdrv_probe: pci_bridge_d3_possible()=1 at probe -> runtime PM allowed, autosuspend delay 100 ms",
                "rpm_suspend: usage_count=0, child_count=0 -> suspended");
    }

    @Test
    void whyChangesNothing() {
        PciFixture f = acpi().bindTestDriver(EP);
        long t = f.m.clock().nanoTime();
        String before = f.m.pci().devices().stream().map(d -> d.bdf() + d.currentState().label() + d.pm().info()).toList().toString();
        f.m.pci().why(EP);
        assertThat(f.m.clock().nanoTime()).isEqualTo(t);
        assertThat(f.m.pci().devices().stream().map(d -> d.bdf() + d.currentState().label() + d.pm().info()).toList().toString())
                .isEqualTo(before);
    }
}
