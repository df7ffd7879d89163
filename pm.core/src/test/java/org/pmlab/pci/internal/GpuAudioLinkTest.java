package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.topology.internal.JsonTopologyCodec;

/**
 * quirk_gpu_hda (drivers/pci/quirks.c) on the default host's AMD GPU 03:00.0 and its HD-audio
 * function 03:00.1: the link made at enumeration, and the GPU held active while the audio
 * function is.
 */
class GpuAudioLinkTest {

    static final Bdf PORT = Bdf.parse("0000:00:03.0");
    static final Bdf GPU = Bdf.parse("0000:03:00.0");
    static final Bdf HDA = Bdf.parse("0000:03:00.1");
    static final String HOST_BRIDGE = "pci0000:00";

    @Test
    void enumerationLinksTheAudioFunctionToTheGpuAndAllowsItsRuntimePm() {
        PciFixture f = new PciFixture(new JsonTopologyCodec().defaultTopology());
        var links = f.m.pmDevices().suppliers(f.dev(HDA).pm());
        assertThat(links).hasSize(1);
        PmDeviceLink l = links.get(0);
        assertThat(l.supplier().name()).isEqualTo(GPU.toString());
        assertThat(l.flags()).containsExactlyInAnyOrder(DeviceLinkFlag.STATELESS, DeviceLinkFlag.PM_RUNTIME);
        assertThat(l.name()).isEqualTo("pci:0000:03:00.0--pci:0000:03:00.1");
        assertThat(l.status().word()).isEqualTo("not tracked");
        assertThat(f.m.log().lines()).anyMatch(x -> x.text().equals("pci 0000:03:00.1: D0 power state depends on 0000:03:00.0"));
        assertThat(f.pm(HDA).control()).as("pci_create_device_link ends with pm_runtime_allow").isEqualTo("auto");
        assertThat(f.pm(HDA).runtimeStatus()).as("unbound and allowed: suspended, still in D0").isEqualTo("suspended");
        assertThat(f.state(HDA)).isNotEqualTo(PowerState.D3HOT);
        Ledger.of(f).check();
    }

    @Test
    void theGpuDoesNotSuspendWhileItsAudioFunctionIsActive() {
        PciFixture f = new PciFixture(new JsonTopologyCodec().defaultTopology()).bindTestDriver(GPU);
        assertThat(f.pm(GPU).runtimeStatus()).isEqualTo("suspended");

        assertThat(f.m.runtimePm().getSync(f.dev(HDA).pm())).isZero();
        f.settle();
        assertThat(f.pm(GPU).runtimeStatus()).as("resumed before the audio function").isEqualTo("active");
        assertThat(f.pm(GPU).usageCount()).as("the link's reference").isEqualTo(1);
        assertThat(f.m.runtimePm().suspend(f.dev(GPU).pm())).isEqualTo(org.pmlab.pm.api.Errno.EAGAIN.negative());
        f.m.clock().advance(java.time.Duration.ofSeconds(10));
        assertThat(f.pm(GPU).runtimeStatus()).isEqualTo("active");

        assertThat(f.m.runtimePm().putSync(f.dev(HDA).pm())).isZero();
        f.settle();
        assertThat(f.pm(GPU).runtimeStatus()).as("asked to idle once the audio function suspended").isEqualTo("suspended");
        Ledger.of(f).expect(GPU, 0, 0, "suspended").expect(HDA, 0, 0, "suspended").expect(PORT, 0, 0, "suspended")
                .expect(HOST_BRIDGE, 0, 4, "unsupported").check();
    }
}
