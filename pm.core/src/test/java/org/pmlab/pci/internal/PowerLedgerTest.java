package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.hw.api.PhysicalState.D0_ACTIVE;
import static org.pmlab.hw.api.PhysicalState.D0_IDLE;
import static org.pmlab.hw.api.PhysicalState.D3COLD;
import static org.pmlab.hw.api.PhysicalState.D3HOT;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.pci.api.Residency;

/** The power ledger against timelines computed by hand from the kernel's delays. */
class PowerLedgerTest {

    private static final long MS = 1_000_000L;

    private static Residency of(PciFixture f, Bdf bdf, long fromNs) {
        return f.m.pci().residency(List.of(bdf), fromNs).get(0);
    }

    @Test
    void unusedGpuAndPortWithoutFirmwareMatchTheHandComputedTimeline() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        // boot: the port is enabled by pcieport (D0, in use), the endpoint unbound in D0 (unknown)
        f.m.clock().advance(Duration.ofSeconds(1));
        f.bindTestDriver(TestTopologies.EP);
        // at 1 s the endpoint suspends: PMCSR D3hot, then the 10 ms d3hot_delay, still at D0 power;
        // the port's autosuspend delay (100 ms from its last busy mark at probe) is long past,
        // so it follows at once: another 10 ms, reaching D3hot at 1.020 s (the bind settles)
        assertThat(f.m.clock().nanoTime()).isEqualTo(1_020 * MS);
        f.m.clock().advance(Duration.ofSeconds(9));
        Residency ep = of(f, TestTopologies.EP, 0);
        Residency rp = of(f, TestTopologies.RP, 0);

        assertThat(ep.toNs()).isEqualTo(10_020 * MS);
        assertThat(ep.nanos(D0_IDLE)).isEqualTo(1_010 * MS);
        assertThat(ep.nanos(D3HOT)).isEqualTo(9_010 * MS);
        assertThat(ep.entries(D3HOT)).isEqualTo(1);
        assertThat(ep.transitions()).isEqualTo(1);
        assertThat(ep.now()).isEqualTo(D3HOT);

        assertThat(rp.nanos(D0_ACTIVE)).isEqualTo(1_020 * MS);
        assertThat(rp.nanos(D3HOT)).isEqualTo(9_000 * MS);
        // D0-idle at enumeration, D0-active once pcieport enabled it (at 0 s), then D3hot
        assertThat(rp.nanos(D0_IDLE)).isZero();
        assertThat(rp.transitions()).isEqualTo(2);
    }

    @Test
    void aResumeChargesItsD3hotDelayAtD0Power() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(TestTopologies.EP);
        long t0 = f.m.clock().nanoTime();
        f.m.clock().advance(Duration.ofSeconds(1));
        // get_sync: the port comes up first (10 ms at D0 power), then the endpoint (10 ms)
        f.m.runtimePm().getSync(f.dev(TestTopologies.EP).pm());
        long t1 = f.m.clock().nanoTime();
        assertThat(t1 - t0).isEqualTo(1_020 * MS);
        Residency ep = of(f, TestTopologies.EP, t0);
        assertThat(ep.nanos(D3HOT)).isEqualTo(1_010 * MS);
        assertThat(ep.nanos(D0_IDLE)).isEqualTo(10 * MS);
        assertThat(ep.entries(D0_IDLE)).isEqualTo(1);
        Residency rp = of(f, TestTopologies.RP, t0);
        assertThat(rp.nanos(D3HOT)).isEqualTo(1_000 * MS);
        assertThat(rp.nanos(D0_ACTIVE)).isEqualTo(20 * MS);
    }

    @Test
    void d3coldWithTheSharedResourceCountsOnlyOnceThePowerIsCut() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpuAcpi(), org.pmlab.sim.api.PciePortPm.DEFAULT,
                new org.pmlab.firmware.acpi.internal.AcpiSimFirmware());
        f.bindTestDriver(TestTopologies.EP);
        f.m.clock().advance(Duration.ofSeconds(2));
        Residency ep = of(f, TestTopologies.EP, 0);
        assertThat(ep.now()).isEqualTo(D3COLD);
        assertThat(ep.entries(D3COLD)).isEqualTo(1);
    }

    @Test
    void aWindowInThePastEqualsTheDifferenceOfTheTotals() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022)).bindTestDriver(TestTopologies.EP);
        Random rnd = new Random(11);
        for (int round = 0; round < 20; round++) {
            f.m.clock().settle();
            long mark = f.m.clock().nanoTime();
            Residency epBefore = of(f, TestTopologies.EP, 0);
            Residency rpBefore = of(f, TestTopologies.RP, 0);
            // the window is (mark, now]: nothing may change at mark itself after the totals were read
            f.m.clock().advance(Duration.ofNanos(1));
            for (int step = 0; step < 5; step++) {
                switch (rnd.nextInt(3)) {
                    case 0 -> f.m.runtimePm().getSync(f.dev(TestTopologies.EP).pm());
                    case 1 -> f.m.runtimePm().put(f.dev(TestTopologies.EP).pm());
                    default -> f.m.clock().advance(Duration.ofMillis(rnd.nextInt(300)));
                }
            }
            f.m.clock().advance(Duration.ofMillis(1 + rnd.nextInt(50)));
            for (Bdf b : List.of(TestTopologies.EP, TestTopologies.RP)) {
                Residency before = b.equals(TestTopologies.EP) ? epBefore : rpBefore;
                Residency after = of(f, b, 0);
                Residency window = of(f, b, mark);
                for (PhysicalState s : PhysicalState.values()) {
                    assertThat(window.nanos(s)).as("%s %s round %d", b, s, round)
                            .isEqualTo(after.nanos(s) - before.nanos(s));
                    assertThat(window.entries(s)).isEqualTo(after.entries(s) - before.entries(s));
                }
                assertThat(window.totalNanos()).isEqualTo(f.m.clock().nanoTime() - mark);
            }
        }
    }

    @Test
    void aWindowMustLieBetweenBootAndNow() {
        PciFixture f = new PciFixture(TestTopologies.rootPortWithGpu(2022));
        f.m.clock().advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> of(f, TestTopologies.EP, 2_000 * MS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between boot and now");
    }
}
