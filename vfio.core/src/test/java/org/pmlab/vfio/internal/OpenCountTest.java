package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/**
 * Two fds on one device: only the last close runs {@code vfio_pci_core_disable} and gives back
 * the reference {@code vfio_pci_core_enable} took, on each side of 6.1's reordering of
 * {@code vfio_device_close} (the count drop after the close callback from 6.1, before it in
 * 5.19 and 6.0). A mutation test found no test with a second fd on 5.19/6.0.
 */
class OpenCountTest {

    @ParameterizedTest
    @ValueSource(strings = {"5.19", "6.0", "6.1"})
    void onlyTheLastCloseDisablesTheDeviceAndDropsTheOpenReference(String kernel) {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.parse(kernel)).bound(EP);
        int first = r.open(EP);
        int second = r.open(EP);
        assertThat(r.info(EP).openCount()).isEqualTo(2);
        assertThat(r.dev(EP).enableCount()).as("only the first open enables").isEqualTo(1);

        assertThat(r.user.close(first)).isZero();
        r.settle();
        assertThat(r.info(EP).openCount()).isEqualTo(1);
        assertThat(r.dev(EP).enableCount()).as("still enabled for the other fd").isEqualTo(1);
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();

        assertThat(r.user.close(second)).isZero();
        r.settle();
        assertThat(r.info(EP).openCount()).isZero();
        assertThat(r.dev(EP).enableCount()).isZero();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }
}
