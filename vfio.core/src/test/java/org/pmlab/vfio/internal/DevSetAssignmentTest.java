package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/** Which dev_set a device joins ({@code vfio_assign_device_set}), binding limits, unbinding an open device, and concurrent users. */
class DevSetAssignmentTest {

    @Test
    void rootBusDeviceIsAloneAndCannotBeReset() {
        Bdf ep = Bdf.parse("0000:00:02.0");
        Rig r = Rig.boot(Topologies.rootBusEp(), KernelVersion.V6_1).bound(ep);
        assertThat(r.info(ep).devSet()).isEqualTo("dev:" + ep);
        int fd = r.open(ep);
        assertThat(r.user.hotReset(fd)).isEqualTo(-19);
        r.user.close(fd);
        r.settle();
        r.ledger().expect(ep, 0, 0, "suspended").check();
    }

    @Test
    void slotResettableDeviceJoinsItsSlot() {
        Rig r = Rig.boot(Topologies.slotEp(), KernelVersion.V6_1).bound(EP);
        assertThat(r.info(EP).devSet()).isEqualTo("slot:0000:01");
        int fd = r.open(EP);
        assertThat(r.user.hotReset(fd)).isZero();
        r.user.close(fd);
        r.settle();
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void aBridgeCannotBeBound() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1);
        r.m.pci().unbind(RP);
        assertThat(r.bind(RP)).isEqualTo(-22);
        r.settle();
        r.ledger().expect(RP, 1, 1, "active").check();
    }

    @Test
    void aDevSetGoesAwayWithItsLastMember() {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(Topologies.EP1, Topologies.EP2);
        DeviceSet set = r.core(Topologies.EP1).devSet;
        r.m.pci().unbind(Topologies.EP1);
        assertThat(set.members).extracting(c -> c.name()).containsExactly(Topologies.EP2.toString());
        r.m.pci().unbind(Topologies.EP2);
        r.bound(Topologies.EP3);
        assertThat(r.core(Topologies.EP3).devSet).isNotSameAs(set);
        r.ledger().expect(Topologies.EP1, 1, 0, "active").expect(Topologies.EP2, 1, 0, "active")
                .expect(Topologies.EP3, 0, 0, "suspended").expect(RP, 0, 2, "active").check();
    }

    @Test
    void unbindingAnOpenDeviceClosesItsFdsFirst() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int a = r.open(EP);
        r.open(EP);
        assertThat(r.m.pci().unbind(EP)).isZero();
        assertThat(r.user.fds(EP)).isEmpty();
        assertThat(r.user.close(a)).isEqualTo(-9);
        assertThat(r.dev(EP).enableCount()).isZero();
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D0);
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void b5ConfigReadWhileEngagedResumesForTheAccessOnly() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        r.user.lowPowerEntry(fd);
        r.settle();
        r.m.trace().enable(true);
        assertThat(r.user.regionRead(fd, org.pmlab.vfio.api.VfioRegion.CONFIG)).isEqualTo(4);
        assertThat(r.m.trace().records()).filteredOn(t -> t.event().equals("pci_power_state"))
                .extracting(t -> t.device()).startsWith(RP.toString(), EP.toString());
        r.settle();
        assertThat(r.dev(EP).currentState()).isEqualTo(PowerState.D3HOT);
        r.ledger().expect(EP, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }

    @Test
    void concurrentUsersOfOneDevSetStayBalanced() throws Exception {
        Rig r = Rig.boot(Topologies.threeOnBus(), KernelVersion.V6_1).bound(Topologies.EP1, Topologies.EP2, Topologies.EP3);
        List<Bdf> devs = List.of(Topologies.EP1, Topologies.EP2, Topologies.EP3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    Bdf b = devs.get((seed + i) % 3);
                    int fd = r.user.open(b);
                    if (fd < 0) {
                        throw new AssertionError("open " + b + ": " + fd);
                    }
                    r.user.getInfo(fd);
                    r.user.regionRead(fd, org.pmlab.vfio.api.VfioRegion.BAR0);
                    if (i % 7 == 0) {
                        r.user.hotReset(fd);
                    }
                    r.user.close(fd);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        r.settle();
        assertThat(r.user.devices()).allMatch(i -> i.openCount() == 0);
        r.ledger().expect(Topologies.EP1, 0, 0, "suspended").expect(Topologies.EP2, 0, 0, "suspended")
                .expect(Topologies.EP3, 0, 0, "suspended").expect(RP, 0, 0, "suspended").check();
    }
}
