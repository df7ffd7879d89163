package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.JsonTopologyCodec;

/**
 * The built-in native driver profiles bound and unbound on the default host, each checked
 * against what its kernel driver leaves behind (docs/native-drivers-wakeup-links.md, "The drivers,
 * one by one"); every scenario ends with the ledger of every function.
 */
class NativeDriversTest {

    static final Bdf NIC = Bdf.parse("0000:02:00.0");
    static final Bdf NIC_PORT = Bdf.parse("0000:00:02.0");
    static final Bdf GPU = Bdf.parse("0000:03:00.0");
    static final Bdf HDA = Bdf.parse("0000:03:00.1");
    static final Bdf NVME = Bdf.parse("0000:06:00.0");

    private static PciFixture defaultHost() {
        return new PciFixture(new JsonTopologyCodec().defaultTopology());
    }

    private static void bind(PciFixture f, Bdf bdf, String driver) {
        assertThat(f.m.pci().setDriverOverride(bdf, driver)).isZero();
        assertThat(f.m.pci().bind(bdf, driver)).as("bind " + bdf + " to " + driver).isZero();
        f.settle();
    }

    private static void unbind(PciFixture f, Bdf bdf) {
        assertThat(f.m.pci().unbind(bdf)).isZero();
        f.settle();
    }

    @Test
    void ixgbeLeavesItsNicInD0WithWakeupDisabled() {
        PciFixture f = defaultHost();
        assertThat(f.state(NIC)).isEqualTo(PowerState.UNKNOWN);
        bind(f, NIC, "ixgbe");
        PmInfo bound = f.pm(NIC);
        assertThat(bound.control()).as("ixgbe has no runtime PM").isEqualTo("on");
        assertThat(bound.usageCount()).as("forbidden, and the probe reference kept").isEqualTo(2);
        assertThat(f.dev(NIC).enableCount()).isEqualTo(1);
        unbind(f, NIC);
        assertThat(f.state(NIC)).as("pci_enable_device put it in D0; pci_disable_device does not touch power")
                .isEqualTo(PowerState.D0);
        assertThat(f.dev(NIC).wakeupCapable()).isTrue();
        assertThat(f.dev(NIC).wakeupEnabled()).isFalse();
        assertThat(f.dev(NIC).enableCount()).isZero();
        Ledger.of(f).expect(NIC, 1, 0, "active").check();
    }

    @Test
    void e1000eEnablesWakeupAndLeavesItEnabled() {
        PciFixture f = defaultHost();
        bind(f, NIC, "e1000e");
        assertThat(f.dev(NIC).wakeupEnabled()).isTrue();
        PmInfo i = f.pm(NIC);
        assertThat(i.control()).as("e1000e never calls pm_runtime_allow").isEqualTo("on");
        assertThat(i.usageCount()).as("probe reference dropped: pci_dev_run_wake holds below a marked root port")
                .isEqualTo(1);
        unbind(f, NIC);
        assertThat(f.dev(NIC).wakeupEnabled()).isTrue();
        assertThat(f.state(NIC)).isEqualTo(PowerState.D0);
        Ledger.of(f).expect(NIC, 1, 0, "active").check();
    }

    @Test
    void e1000eSuspendsFiveSecondsAfterUserSpaceAllowsIt() {
        PciFixture f = defaultHost();
        bind(f, NIC, "e1000e");
        f.m.runtimePm().allow(f.dev(NIC).pm());
        f.m.clock().advance(java.time.Duration.ofMillis(4999));
        assertThat(f.pm(NIC).runtimeStatus()).isEqualTo("active");
        f.settle();
        assertThat(f.pm(NIC).runtimeStatus()).isEqualTo("suspended");
        assertThat(f.state(NIC)).isEqualTo(PowerState.D3HOT);
        Ledger.of(f).expect(NIC, 0, 0, "suspended").expect(NIC_PORT, 0, 0, "suspended").expect("pci0000:00", 0, 4, "unsupported")
                .check();
    }

    @Test
    void nvmeKeepsItsProbeReferenceAndIsDisabledAtUnbind() {
        PciFixture f = defaultHost();
        bind(f, NVME, "nvme");
        assertThat(f.pm(NVME).usageCount()).isEqualTo(2);
        assertThat(f.state(NVME)).isEqualTo(PowerState.D0);
        unbind(f, NVME);
        assertThat(f.dev(NVME).enableCount()).isZero();
        assertThat(f.dev(NVME).wakeupEnabled()).isFalse();
        Ledger.of(f).expect(NVME, 1, 0, "active").check();
    }

    @Test
    void sndHdaIntelAutosuspendsAndIsForbiddenAgainAfterUnbind() {
        PciFixture f = defaultHost();
        bind(f, HDA, "snd_hda_intel");
        PmInfo i = f.pm(HDA);
        assertThat(i.useAutosuspend()).isTrue();
        assertThat(i.control()).isEqualTo("auto");
        assertThat(i.runtimeStatus()).isEqualTo("suspended");
        unbind(f, HDA);
        i = f.pm(HDA);
        assertThat(i.control()).isEqualTo("on");
        assertThat(i.useAutosuspend()).isFalse();
        assertThat(f.dev(HDA).enableCount()).as("pcim_enable_device undone by devres").isZero();
        assertThat(f.pm(GPU).usageCount()).as("the active audio function holds the GPU through its link").isEqualTo(2);
        Ledger.of(f).expect(HDA, 1, 0, "active").expect(GPU, 2, 0, "active").expect(Bdf.parse("0000:00:03.0"), 0, 2, "active")
                .check();
    }

    @Test
    void amdgpuAutosuspendsAfterFiveSecondsAndUnbindForbidsAgain() {
        PciFixture f = defaultHost();
        bind(f, GPU, "amdgpu");
        PmInfo i = f.pm(GPU);
        assertThat(i.autosuspendDelayMs()).isEqualTo(5000);
        assertThat(i.control()).isEqualTo("auto");
        assertThat(f.pm(GPU).runtimeStatus()).isEqualTo("suspended");
        unbind(f, GPU);
        assertThat(f.pm(GPU).control()).isEqualTo("on");
        assertThat(f.state(GPU)).isEqualTo(PowerState.D0);
        Ledger.of(f).expect(GPU, 1, 0, "active").check();
    }

    @Test
    void xhciWithoutPmCapabilityStaysActiveThroughItsOwnReference() {
        Bdf rp = Bdf.parse("0000:00:01.0");
        Bdf usb = Bdf.parse("0000:01:00.0");
        List<DeviceSpec> d = new ArrayList<>();
        d.add(TestTopologies.port(rp, null, PortType.ROOT_PORT, HotplugKind.NONE, null));
        d.add(new DeviceSpec(usb, rp, 0x0c0330, 0x1b21, 0x2142, PortType.ENDPOINT, null, null, HotplugKind.NONE, false,
                false, false, null, null, "USB controller"));
        PciFixture f = new PciFixture(new Topology("usb", new PlatformSpec("t", 2022), List.of(), d));
        bind(f, usb, "xhci_hcd");
        assertThat(f.dev(usb).wakeupEnabled()).as("marked by the PME service, enabled by hcd-pci").isTrue();
        assertThat(f.pm(usb).runtimeStatus()).isEqualTo("active");
        assertThat(f.pm(usb).usageCount()).as("pci_choose_state is D0: pm_runtime_get keeps it up").isEqualTo(3);
        unbind(f, usb);
        assertThat(f.dev(usb).wakeupEnabled()).isTrue();
        Ledger.of(f).expect(usb, 1, 0, "active").expect(rp, 0, 1, "active").check();
    }

    @Test
    void xhciWhoseEnableFailsGivesBackTheReferenceItsProbeTook() {
        Bdf rp = Bdf.parse("0000:00:01.0");
        Bdf usb = Bdf.parse("0000:01:00.0");
        List<DeviceSpec> d = new ArrayList<>();
        d.add(TestTopologies.port(rp, null, PortType.ROOT_PORT, HotplugKind.NONE, null));
        d.add(new DeviceSpec(usb, rp, 0x0c0330, 0x1b21, 0x2142, PortType.ENDPOINT, null, null, HotplugKind.NONE, false,
                false, false, null, null, "USB controller"));
        PciFixture f = new PciFixture(new Topology("usb", new PlatformSpec("t", 2022), List.of(), d));
        int before = f.pm(usb).usageCount();
        f.m.faults().add(new org.pmlab.sim.api.Fault(usb.toString(), "pci_enable_device", Errno.ENOMEM.negative(), true));
        assertThat(f.m.pci().setDriverOverride(usb, "xhci_hcd")).isZero();

        assertThat(f.m.pci().bind(usb, "xhci_hcd")).isEqualTo(Errno.ENOMEM.negative());
        f.settle();

        assertThat(f.pm(usb).usageCount()).as("xhci_pci_probe's put_runtime_pm").isEqualTo(before);
    }

    @Test
    void theRootPortsAndEverythingBelowThemAreWakeCapableButNotTheHostBridge() {
        PciFixture f = defaultHost();
        for (String bdf : List.of("0000:00:01.0", "0000:01:00.0", "0000:03:00.1", "0000:06:00.0", "0000:05:01.0")) {
            assertThat(f.dev(Bdf.parse(bdf)).wakeupCapable()).as(bdf).isTrue();
            assertThat(f.dev(Bdf.parse(bdf)).wakeupEnabled()).as(bdf).isFalse();
        }
        assertThat(f.dev(Bdf.parse("0000:00:00.0")).wakeupCapable()).isFalse();
        assertThat(f.m.pciCore().enableSriov(f.dev(NIC), 1)).isZero();
        assertThat(f.dev(Bdf.parse("0000:02:10.0")).wakeupCapable()).as("a VF added after the PME service probed")
                .isFalse();
        f.settle();
        Ledger.of(f).expect(Bdf.parse("0000:02:10.0"), 1, 0, "active").expect(NIC_PORT, 0, 2, "active").check();
    }

    @Test
    void aTopologyDeclaresItsOwnProfileAndItsDeviceIsBoundToItAtBoot() {
        String json = """
                {"name": "t", "platform": {"biosYear": 2022},
                 "drivers": [{"name": "ixgbe", "description": "an 82599 with a WoL subsystem ID",
                              "probe": ["pci_enable_device_mem", "device_set_wakeup_enable on"],
                              "remove": ["pci_disable_device"]},
                             {"name": "quiet", "pm": false, "probe": ["pci_enable_device"]}],
                 "devices": [
                  {"bdf": "0000:00:02.0", "class": "0x060400", "vendor": "0x8086", "device": "0x464d", "type": "root-port",
                   "pm": {"noSoftReset": true, "pme": ["D0", "D3hot", "D3cold"]}},
                  {"bdf": "0000:02:00.0", "parent": "0000:00:02.0", "class": "0x020000", "vendor": "0x8086",
                   "device": "0x10fb", "type": "endpoint", "pm": {"noSoftReset": true, "pme": ["D0", "D3hot"]},
                   "driver": "ixgbe"},
                  {"bdf": "0000:02:00.1", "parent": "0000:00:02.0", "class": "0x020000", "vendor": "0x8086",
                   "device": "0x10fb", "type": "endpoint", "driver": "quiet"}
                 ]}""";
        PciFixture f = new PciFixture(new JsonTopologyCodec().parse(json, "t.json"));
        assertThat(f.dev(NIC).driver()).contains("ixgbe");
        assertThat(f.dev(NIC).wakeupEnabled()).as("the topology's ixgbe replaced the built-in one").isTrue();
        Bdf quiet = Bdf.parse("0000:02:00.1");
        assertThat(f.dev(quiet).driver()).contains("quiet");
        f.m.runtimePm().allow(f.dev(quiet).pm());
        f.settle();
        assertThat(f.m.runtimePm().idle(f.dev(quiet).pm())).as("the probe reference it keeps").isEqualTo(Errno.EAGAIN.negative());
        f.m.runtimePm().putNoidle(f.dev(quiet).pm()); // as if the driver had dropped it
        assertThat(f.m.runtimePm().idle(f.dev(quiet).pm())).as("no dev_pm_ops: pci_pm_runtime_idle says -ENOSYS")
                .isEqualTo(Errno.ENOSYS.negative());
        assertThat(f.pm(quiet).runtimeStatus()).isEqualTo("active");
        Ledger.of(f).expect(quiet, 0, 0, "active").check();
    }
}
