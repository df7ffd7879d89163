package org.pmlab.sysfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.sysfs.internal.Host.EP;
import static org.pmlab.sysfs.internal.Host.RP;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.sysfs.api.SysfsException;

/** Scenarios G1-G6 and H6 (docs/scenarios.md), driven and observed only through sysfs paths. */
class PowerControlScenariosTest {

    private static String state(Host h, String dev) {
        return h.cat(dev + "/power_state").strip();
    }

    private static String pm(Host h, String dev, String attr) {
        return h.cat(dev + "/power/" + attr).strip();
    }

    private static PciDevice ep(Host h) {
        return h.m.pci().get(Bdf.parse("0000:01:00.0"));
    }

    @Test
    void a4BindingTheEndpointLetsItAndItsPortReachD3cold() {
        Host h = Host.acpi().bindEp();
        assertThat(state(h, EP)).isEqualTo("D3cold");
        assertThat(state(h, RP)).isEqualTo("D3cold");
        assertThat(pm(h, EP, "runtime_status")).isEqualTo("suspended");
        assertThat(pm(h, RP, "runtime_active_kids")).isEqualTo("0");
    }

    @Test
    void a3WithoutD3coldBothStopAtD3hot() {
        Host h = Host.nod3cold().bindEp();
        assertThat(state(h, EP)).isEqualTo("D3hot");
        assertThat(state(h, RP)).isEqualTo("D3hot");
    }

    @Test
    void g1OnResumesTheEndpointSynchronouslyPortFirst() {
        Host h = Host.acpi().bindEp();
        h.echo("on", EP + "/power/control");
        // no settle: the resume is synchronous
        assertThat(state(h, EP)).isEqualTo("D0");
        assertThat(state(h, RP)).isEqualTo("D0");
        assertThat(pm(h, EP, "runtime_status")).isEqualTo("active");
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("1");
        assertThat(pm(h, EP, "control")).isEqualTo("on");
        assertThat(pm(h, EP, "runtime_enabled")).isEqualTo("forbidden");
        assertThat(pm(h, RP, "runtime_status")).isEqualTo("active");
        h.settle();
        assertThat(state(h, EP)).isEqualTo("D0");
        assertThat(state(h, RP)).isEqualTo("D0");
    }

    @Test
    void g2OnAgainIsANoOp() {
        Host h = Host.acpi().bindEp();
        h.echo("on", EP + "/power/control");
        h.echo("on", EP + "/power/control");
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("1");
    }

    @Test
    void g3AutoDropsTheUsageCountAndTheEndpointThenThePortSuspend() {
        Host h = Host.acpi().bindEp();
        h.echo("on", EP + "/power/control");
        h.echo("auto", EP + "/power/control");
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("0");
        h.settle();
        assertThat(pm(h, EP, "runtime_status")).isEqualTo("suspended");
        assertThat(state(h, EP)).isEqualTo("D3cold");
        assertThat(state(h, RP)).isEqualTo("D3cold");
    }

    @Test
    void g4AnInvalidWordIsEinvalAndChangesNothingThenAutoWithNewlineIsAccepted() {
        Host h = Host.acpi().bindEp();
        h.echo("on", EP + "/power/control");
        assertThatThrownBy(() -> h.echo("xyz", EP + "/power/control")).isInstanceOfSatisfying(SysfsException.class,
                e -> assertThat(e.reason()).isEqualTo("Invalid argument"));
        h.settle();
        assertThat(pm(h, EP, "control")).isEqualTo("on");
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("1");
        assertThat(state(h, EP)).isEqualTo("D0");
        assertThat(h.sys.write(EP + "/power/control", "auto\n")).isEqualTo(5);
        h.settle();
        assertThat(state(h, EP)).isEqualTo("D3cold");
    }

    @Test
    void g5PortForcedOnStaysInD0WhileTheEndpointStillReadsD3cold() {
        Host h = Host.acpi();
        h.echo("on", RP + "/power/control");
        h.bindEp();
        assertThat(state(h, RP)).isEqualTo("D0");
        assertThat(state(h, EP)).isEqualTo("D3cold");
        assertThat(pm(h, RP, "runtime_status")).isEqualTo("active");
    }

    @Test
    void g5WithoutD3coldTheEndpointReachesD3hot() {
        Host h = Host.nod3cold();
        h.echo("on", RP + "/power/control");
        h.bindEp();
        assertThat(state(h, RP)).isEqualTo("D0");
        assertThat(state(h, EP)).isEqualTo("D3hot");
    }

    @Test
    void g6OnWhileOpenAddsAReferenceThatOutlivesTheClose() {
        Host h = Host.acpi().bindEp();
        assertThat(h.driver.open(ep(h))).isZero();
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("1");
        h.echo("on", EP + "/power/control");
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("2");
        h.driver.close(ep(h));
        h.settle();
        assertThat(pm(h, EP, "runtime_usage")).isEqualTo("1");
        assertThat(state(h, EP)).isEqualTo("D0");
        assertThat(pm(h, EP, "runtime_status")).isEqualTo("active");
    }

    @Test
    void h6D3coldAllowedZeroResumesTheEndpointThenCapsItAtD3hotAndKeepsThePortActive() {
        Host h = Host.acpi().bindEp();
        assertThat(h.sys.write(EP + "/d3cold_allowed", "0\n")).isEqualTo(2);
        // the write resumed the endpoint, port first
        assertThat(state(h, EP)).isEqualTo("D0");
        assertThat(state(h, RP)).isEqualTo("D0");
        h.settle();
        assertThat(state(h, EP)).isEqualTo("D3hot");
        assertThat(pm(h, EP, "runtime_status")).isEqualTo("suspended");
        assertThat(state(h, RP)).isEqualTo("D0");
        assertThat(pm(h, RP, "runtime_status")).isEqualTo("active");
        assertThat(pm(h, RP, "runtime_usage")).isEqualTo("0");
        assertThat(h.m.pci().get(Bdf.parse("0000:00:01.0")).bridgeD3()).isFalse();
    }
}
