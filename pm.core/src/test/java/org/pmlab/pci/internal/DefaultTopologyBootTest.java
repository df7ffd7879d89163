package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** A freshly booted default host, before any driver but the port driver: the kernel's boot-time state. */
class DefaultTopologyBootTest {

    private static final Bdf HDA = Bdf.parse("0000:03:00.1");

    @Test
    void portsAreBoundAndInD0EndpointsUnboundAndUnknownHostBridgeUnknown() {
        PciFixture f = new PciFixture(new JsonTopologyCodec().defaultTopology());
        for (PciDevice d : f.m.pci().devices()) {
            if (d.spec().portType().isPort()) {
                assertThat(d.driver()).as(d.bdf() + " driver").contains("pcieport");
                assertThat(d.currentState()).as(d.bdf() + " state").isEqualTo(PowerState.D0);
            } else if (d.bdf().equals(HDA)) {
                // quirk_gpu_hda linked it to the GPU and allowed its runtime PM: unbound, it suspends in D0
                assertThat(d.driver()).isEmpty();
                assertThat(d.currentState()).isEqualTo(PowerState.UNKNOWN);
                assertThat(d.pm().info().control()).isEqualTo("auto");
                assertThat(d.pm().info().runtimeStatus()).isEqualTo("suspended");
            } else {
                assertThat(d.driver()).as(d.bdf() + " driver").isEmpty();
                assertThat(d.currentState()).as(d.bdf() + " state").isEqualTo(PowerState.UNKNOWN);
                assertThat(d.pm().info().control()).isEqualTo("on");
                assertThat(d.pm().info().usageCount()).isEqualTo(1);
            }
        }
        assertThat(f.m.pmDevices().get("pci0000:00").info().runtimeStatus()).isEqualTo("unsupported");
        // the hot-plug root port (native pciehp) is refused D3 without firmware blessing: forbidden, u=2
        assertThat(f.pm(Bdf.parse("0000:00:1c.0")).usageCount()).isEqualTo(2);
        assertThat(f.pm(Bdf.parse("0000:00:01.0")).usageCount()).isZero();
    }
}
