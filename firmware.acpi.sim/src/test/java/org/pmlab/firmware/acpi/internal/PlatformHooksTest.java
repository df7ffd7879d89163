package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.firmware.acpi.internal.Bench.EP;
import static org.pmlab.firmware.acpi.internal.Bench.RP;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.ModelEvents;

/** Return codes and views of the pci-acpi.c hooks. */
class PlatformHooksTest {

    @Test
    void setStateRefusesStatesThatAreNotD0ToD3coldWithEinval() {
        Bench bench = Bench.fwA().attach();
        assertThat(bench.setState(EP, PowerState.UNKNOWN)).isEqualTo(Errno.EINVAL.negative());
        assertThat(bench.setState(EP, PowerState.ERROR)).isEqualTo(Errno.EINVAL.negative());
    }

    @Test
    void anEjectableCompanionIsIgnoredBySetState() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").ej0()).attach();
        assertThat(bench.pm.powerManageable(bench.dev(EP))).isTrue();
        assertThat(bench.setState(EP, PowerState.D3COLD)).isEqualTo(Errno.ENODEV.negative());
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
    }

    @Test
    void getStateReportsTheCachedStateNotThePowerResources() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);
        // PSLT is still on (RP holds it); a fresh evaluation would infer D0, the cache says D3cold
        assertThat(bench.resource("PSLT").on()).isTrue();
        assertThat(bench.getState(EP)).isEqualTo(PowerState.D3COLD);
    }

    @Test
    void refreshStateReSyncsFromThePowerResourcesAndReferencesThemAgain() {
        Bench bench = Bench.fwA().attach();
        bench.suspendToD3cold(EP);

        bench.pm.refreshState(bench.dev(EP));

        // acpi_device_update_power: PSLT is on, so EP is inferred D0 and takes a reference again
        assertThat(bench.acpiState(EP)).isEqualTo("D0");
        assertThat(bench.resource("PSLT")).isEqualTo(new PowerResourceView("PSLT", true, 2, List.of(RP, EP), 1, 0));
    }

    @Test
    void refreshStateWithPscBelievesPscWhenItSaysDeeper() {
        Bench bench = new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT").psc()).attach();
        bench.suspendToD3cold(EP);

        bench.pm.refreshState(bench.dev(EP));

        // _PSC says 3 (the last _PSx was _PS3): D3hot, holding the _PR3 reference
        assertThat(bench.acpiState(EP)).isEqualTo("D3hot");
        assertThat(bench.resource("PSLT").users()).containsExactly(RP, EP);
    }

    @Test
    void d0AgainRunsPs0OnlyWhenPscSaysTheDeviceIsNotD0() {
        // a failed _PS0 leaves the device recorded D0 (the resources were switched first)
        for (boolean psc : new boolean[] {false, true}) {
            Acpi rp = Acpi.fwA("\\_SB.PCI0.RP01", "PSLT");
            Bench bench = new Bench().resource("PSLT", true).rootPort(RP, HotplugKind.NONE, psc ? rp.psc() : rp).attach();
            bench.setState(RP, PowerState.D3COLD);
            bench.fault(RP, "_PS0", Errno.EIO.negative(), true);
            assertThat(bench.setState(RP, PowerState.D0)).isEqualTo(Errno.ENODEV.negative());
            assertThat(bench.acpiState(RP)).isEqualTo("D0");
            bench.machine.trace.clear();

            assertThat(bench.setState(RP, PowerState.D0)).isZero();

            if (psc) {
                assertThat(bench.machine.trace.acpiTexts()).as("_PSC reads 3").containsExactly(RP + " _PS0 (ok)");
            } else {
                assertThat(bench.machine.trace.acpiTexts()).as("no _PSC: already D0").isEmpty();
            }
        }
    }

    @Test
    void everyChangeIsPostedWithTheMachineAndTheResourceOrDevice() {
        Bench bench = Bench.fwA().attach();
        bench.machine.posts.clear();
        bench.machine.topics.clear();
        bench.suspendToD3cold(EP);

        assertThat(bench.machine.topics).containsOnly(ModelEvents.FIRMWARE_CHANGED);
        List<Map<String, Object>> posts = bench.machine.posts();
        assertThat(posts).hasSize(3).allSatisfy(p -> {
            assertThat(p).containsEntry(ModelEvents.MACHINE, bench.machine.id());
            assertThat(p).containsKey(ModelEvents.DEVICE);
        });
        assertThat(posts.get(1)).containsEntry(FirmwareEvents.RESOURCE, "PSLT").containsEntry(FirmwareEvents.REF_COUNT, 1)
                .containsEntry(FirmwareEvents.ON, true);
        assertThat(posts.get(2)).containsEntry(ModelEvents.DEVICE, EP).containsEntry(ModelEvents.FROM, "D0")
                .containsEntry(ModelEvents.TO, "D3cold");
    }

    @Test
    void powerResourcesAreListedInTopologyOrder() {
        Bench bench = new Bench().resource("PZZZ", true).resource("PAAA", false)
                .rootPort(RP, HotplugKind.NONE, Acpi.at("\\_SB.PCI0.RP01").ps0().pr0("PAAA", "PZZZ").pr3("PAAA"))
                .attach();
        assertThat(bench.pm.powerResources()).containsExactly(
                new PowerResourceView("PZZZ", true, 1, List.of(RP), 1, 0),
                new PowerResourceView("PAAA", true, 1, List.of(RP), 1, 0));
    }
}
