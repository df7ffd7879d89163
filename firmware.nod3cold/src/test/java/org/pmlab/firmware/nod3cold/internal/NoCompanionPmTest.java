package org.pmlab.firmware.nod3cold.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.testsupport.FakePciDevice;

/** The hooks of a platform without ACPI companions (the pci-acpi.c hooks when {@code ACPI_COMPANION} is NULL). */
class NoCompanionPmTest {
    private final PlatformPm pm = new NoD3coldFirmware().attach(null);
    private final FakePciDevice endpoint = Devices.endpointWithAcpi();
    private final FakePciDevice hotplugPort = Devices.hotplugRootPort();

    @Test
    void nothingIsPowerManageableEvenWhenTheTopologyDescribesACompanion() {
        assertThat(pm.powerManageable(endpoint)).isFalse();
        assertThat(pm.powerManageable(hotplugPort)).isFalse();
    }

    @Test
    void setStateIsRefusedWithEnodevForEveryState() {
        for (PowerState s : PowerState.values()) {
            assertThat(pm.setState(endpoint, s)).as("set_state(%s)", s).isEqualTo(Errno.ENODEV.negative());
        }
    }

    @Test
    void getStateIsUnknown() {
        assertThat(pm.getState(endpoint)).isEqualTo(PowerState.UNKNOWN);
    }

    @Test
    void chooseStateIsErrorSoThePciLayerFallsBackToD3hot() {
        endpoint.d3coldAllowed = true;
        assertThat(pm.chooseState(endpoint)).isEqualTo(PowerState.ERROR);
    }

    @Test
    void setWakeupIsRefusedWithEnodev() {
        assertThat(pm.setWakeup(endpoint, true)).isEqualTo(Errno.ENODEV.negative());
        assertThat(pm.setWakeup(endpoint, false)).isEqualTo(Errno.ENODEV.negative());
    }

    @Test
    void needResumeIsFalse() {
        endpoint.wakeupEnabled = true;
        assertThat(pm.needResume(endpoint)).isFalse();
    }

    @Test
    void noBridgeIsBlessedForD3NotEvenAHotplugPortWithHotPlugSupportInD3() {
        assertThat(pm.bridgeD3(hotplugPort)).isFalse();
    }

    @Test
    void refreshStateChangesNothing() {
        pm.refreshState(endpoint);
        assertThat(pm.getState(endpoint)).isEqualTo(PowerState.UNKNOWN);
        assertThat(pm.powerManageable(endpoint)).isFalse();
    }

    @Test
    void showsNoPowerResourcesAndNoDeviceStates() {
        assertThat(pm.powerResources()).isEmpty();
        assertThat(pm.deviceStates()).isEmpty();
    }

    @Test
    void isNamedNod3coldAndDescribed() {
        NoD3coldFirmware fw = new NoD3coldFirmware();
        assertThat(fw.name()).isEqualTo("nod3cold");
        assertThat(fw.description()).isNotBlank().doesNotContain("\n");
    }
}
