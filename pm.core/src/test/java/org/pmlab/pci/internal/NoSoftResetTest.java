package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.pci.internal.TestTopologies.EP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.SavedState;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;

/** What D3hot does to a function's configuration ({@code pci_set_low_power_state}, {@code pci_power_up}: NoSoftRst). */
class NoSoftResetTest {

    private static Topology gpu(boolean noSoftReset) {
        DeviceSpec rp = TestTopologies.port(TestTopologies.RP, null, org.pmlab.hw.api.PortType.ROOT_PORT,
                org.pmlab.hw.api.HotplugKind.NONE, null);
        return new Topology("t", new PlatformSpec("test", 2022), List.of(),
                List.of(rp, TestTopologies.endpoint(EP, TestTopologies.RP, noSoftReset, null)));
    }

    @Test
    void directD3hotAndBackLosesTheCommandRegisterButTheCoreRestoresTheBars() {
        PciFixture f = new PciFixture(gpu(false));
        PciCore core = f.m.pciCore();
        PciDevice ep = f.dev(EP);
        assertThat(core.enableDevice(ep)).isZero();
        int command = ep.config().command();
        List<Integer> bars = ep.config().bars();
        assertThat(command & ConfigRegisters.COMMAND_MEMORY).isNotZero();

        assertThat(core.setPowerState(ep, PowerState.D3HOT)).isZero();
        assertThat(ep.currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(core.setPowerState(ep, PowerState.D0)).isZero();

        assertThat(ep.config().command()).isZero(); // "D0 uninitialized"
        assertThat(ep.config().bars()).isEqualTo(bars); // pci_restore_bars
    }

    @Test
    void noSoftResetPlusKeepsTheConfiguration() {
        PciFixture f = new PciFixture(gpu(true));
        PciCore core = f.m.pciCore();
        PciDevice ep = f.dev(EP);
        core.enableDevice(ep);
        int command = ep.config().command();
        core.setPowerState(ep, PowerState.D3HOT);
        core.setPowerState(ep, PowerState.D0);
        assertThat(ep.config().command()).isEqualTo(command);
    }

    @Test
    void savedStateRestoresWhatD3hotLost() {
        PciFixture f = new PciFixture(gpu(false));
        PciCore core = f.m.pciCore();
        PciDevice ep = f.dev(EP);
        core.enableDevice(ep);
        int command = ep.config().command();
        core.saveState(ep);
        SavedState pmSave = core.storeSavedState(ep);
        core.setPowerState(ep, PowerState.D3HOT);
        core.setPowerState(ep, PowerState.D0);
        core.loadSavedState(ep, pmSave);
        core.restoreState(ep);
        assertThat(ep.config().command()).isEqualTo(command);
        assertThat(((PciDev) ep).stateSaved()).isFalse();
    }

    @Test
    void runtimeResumeRestoresTheFullConfigurationSavedAtSuspend() {
        PciFixture f = new PciFixture(gpu(false));
        PciDevice ep = f.dev(EP);
        f.m.pciCore().enableDevice(ep);
        int command = ep.config().command();
        f.bindTestDriver(EP);
        assertThat(ep.currentState()).isEqualTo(PowerState.D3HOT);
        assertThat(f.m.runtimePm().getSync(ep.pm())).isZero();
        assertThat(ep.currentState()).isEqualTo(PowerState.D0);
        assertThat(ep.config().command()).isEqualTo(command);
    }

    @Test
    void d3hotToD0TakesTheD3hotDelayOnTheVirtualClock() {
        PciFixture f = new PciFixture(gpu(false));
        PciDevice ep = f.dev(EP);
        f.m.pciCore().setPowerState(ep, PowerState.D0);
        long t0 = f.m.clock().nanoTime();
        f.m.pciCore().setPowerState(ep, PowerState.D3HOT);
        long t1 = f.m.clock().nanoTime();
        f.m.pciCore().setPowerState(ep, PowerState.D0);
        long t2 = f.m.clock().nanoTime();
        assertThat(t1 - t0).isEqualTo(10_000_000L);
        assertThat(t2 - t1).isEqualTo(10_000_000L);
    }
}
