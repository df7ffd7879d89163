package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.testsupport.TestPciDriver;

class NativePciPmTest {

    private static SimMachine boot(BootSpec spec) {
        return SimMachine.boot(1, spec, null, EventSink.NONE, List.of());
    }

    @Test
    void freshlyBootedEndpointIsUnknownForbiddenActiveAndPortIsD0() {
        SimMachine m = boot(new BootSpec(TestTopologies.rootPortWithGpu(2022), KernelVersion.NEWEST, PciePortPm.DEFAULT, null));
        m.clock().settle();
        PciDevice ep = m.pci().get(TestTopologies.EP);
        PciDevice rp = m.pci().get(TestTopologies.RP);
        PmInfo epi = ep.pm().info();
        assertThat(ep.currentState()).isEqualTo(PowerState.UNKNOWN);
        assertThat(epi.control()).isEqualTo("on");
        assertThat(epi.usageCount()).isEqualTo(1);
        assertThat(epi.runtimeStatus()).isEqualTo("active");
        assertThat(rp.currentState()).isEqualTo(PowerState.D0);
        assertThat(rp.driver()).contains("pcieport");
        assertThat(rp.pm().info().usageCount()).isZero();
        assertThat(rp.pm().info().activeKids()).isEqualTo(1);
    }

    @Test
    void runtimePmDriverLetsDeviceAndPortReachD3hotWithoutFirmware() {
        SimMachine m = boot(new BootSpec(TestTopologies.rootPortWithGpu(2022), KernelVersion.NEWEST, PciePortPm.DEFAULT, null));
        m.loadDriver(new TestPciDriver(m.runtimePm()));
        assertThat(m.pci().setDriverOverride(TestTopologies.EP, TestPciDriver.NAME)).isZero();
        assertThat(m.pci().bind(TestTopologies.EP, TestPciDriver.NAME)).isZero();
        m.clock().settle();
        PciDevice ep = m.pci().get(TestTopologies.EP);
        PciDevice rp = m.pci().get(TestTopologies.RP);
        assertThat(ep.currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(ep.pm().info().runtimeStatus()).isEqualTo("suspended");
        assertThat(rp.currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(rp.pm().info().runtimeStatus()).isEqualTo("suspended");
        assertThat(rp.pm().info().activeKids()).isZero();
    }

    @Test
    void biosYear2014KeepsNonHotplugPortInD0() {
        SimMachine m = boot(new BootSpec(TestTopologies.rootPortWithGpu(2014), KernelVersion.NEWEST, PciePortPm.DEFAULT, null));
        m.loadDriver(new TestPciDriver(m.runtimePm()));
        m.pci().setDriverOverride(TestTopologies.EP, TestPciDriver.NAME);
        m.pci().bind(TestTopologies.EP, TestPciDriver.NAME);
        m.clock().settle();
        assertThat(m.pci().get(TestTopologies.EP).currentState()).isEqualTo(PowerState.D3HOT);
        PciDevice rp = m.pci().get(TestTopologies.RP);
        assertThat(rp.currentState()).isEqualTo(PowerState.D0);
        assertThat(rp.pm().info().control()).isEqualTo("on");
        assertThat(rp.pm().info().usageCount()).isEqualTo(2);
    }
}
