package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.sim.api.KernelVersion;

/** The runtime PM changes of the newest modelled steps (README, "Kernel versions"). */
class KernelStepsTest {

    private static final long MS = 1_000_000L;

    private static long lastBusyAfterPutAutosuspend(KernelVersion kernel) {
        RpmFixture f = new RpmFixture(kernel);
        RpmDevice d = f.device("d");
        f.rpm.setAutosuspendDelay(d, 100);
        f.rpm.useAutosuspend(d);
        f.rpm.enable(d);
        f.rpm.getSync(d);
        f.advanceMs(30);
        f.rpm.putAutosuspend(d);
        long lastBusy = d.info().lastBusyNs();
        f.settle();
        Ledger.of(f).expect(d, 0, 0, "suspended").check();
        return lastBusy;
    }

    @Test
    void fromSixSeventeenPutAutosuspendMarksTheDeviceBusyItself() {
        assertThat(lastBusyAfterPutAutosuspend(KernelVersion.V6_18)).isEqualTo(30 * MS);
        assertThat(lastBusyAfterPutAutosuspend(KernelVersion.V6_1)).as("the resume's stamp").isZero();
    }

    @Test
    void theNewestStepIsSevenZeroWhosePutAndBarrierReturnNothing() {
        assertThat(KernelVersion.NEWEST).isEqualTo(KernelVersion.V7_0);
        assertThat(KernelVersion.V7_0.putAndBarrierReturnVoid()).isTrue();
        assertThat(KernelVersion.V6_18.putAndBarrierReturnVoid()).isFalse();
        assertThat(KernelVersion.parse("7.0")).isEqualTo(KernelVersion.V7_0);
    }
}
