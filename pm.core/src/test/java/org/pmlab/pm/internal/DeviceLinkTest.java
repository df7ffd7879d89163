package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.pm.api.DeviceLinkFlag.PM_RUNTIME;
import static org.pmlab.pm.api.DeviceLinkFlag.RPM_ACTIVE;
import static org.pmlab.pm.api.DeviceLinkFlag.STATELESS;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.DeviceLinkState;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;

/**
 * Device links in the runtime PM core (drivers/base/core.c, drivers/base/power/runtime.c):
 * the supplier resumed inside the consumer's resume before its callback, released after its
 * suspend callback and asked to idle once it is suspended; supplier failures; the flags of
 * device_link_add. Each scenario ends with the ledger of every device it made.
 */
class DeviceLinkTest {

    private static final int EIO = Errno.EIO.negative();
    private static final int EBUSY = Errno.EBUSY.negative();

    private final RpmFixture f = new RpmFixture();
    private final RuntimePmService rpm = f.rpm;

    private PmDeviceLink link(RpmDevice consumer, RpmDevice supplier, DeviceLinkFlag... flags) {
        EnumSet<DeviceLinkFlag> set = EnumSet.noneOf(DeviceLinkFlag.class);
        set.addAll(List.of(flags));
        return f.devices.linkAdd(consumer, supplier, set).orElseThrow();
    }

    private RpmDevice enabled(String name) {
        RpmDevice d = f.device(name);
        rpm.enable(d);
        return d;
    }

    @Test
    void consumerResumeResumesTheSupplierFirstAndItsSuspendLetsTheSupplierSuspend() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        RpmDevice supplier = f.device("gpu", null, new RecordingOps(calls).opsWithoutIdle());
        RpmDevice consumer = f.device("hda", null, new RecordingOps(calls).opsWithoutIdle());
        rpm.enable(supplier);
        rpm.enable(consumer);
        PmDeviceLink l = link(consumer, supplier, STATELESS, PM_RUNTIME);
        assertThat(l.status()).isEqualTo(DeviceLinkState.NONE);
        assertThat(l.name()).isEqualTo(":gpu--:hda");

        assertThat(rpm.getSync(consumer)).isZero();
        assertThat(calls).containsExactly("gpu:resume", "hda:resume");
        assertThat(l.rpmActive()).as("one reference held for the consumer").isEqualTo(2);
        assertThat(rpm.suspend(supplier)).as("the consumer's reference keeps it up").isEqualTo(Errno.EAGAIN.negative());

        assertThat(rpm.putSync(consumer)).isZero();
        assertThat(l.rpmActive()).isEqualTo(1);
        f.settle(); // rpm_suspend_suppliers queued an idle of the supplier
        assertThat(calls).containsExactly("gpu:resume", "hda:resume", "hda:suspend", "gpu:suspend");
        Ledger.of(f).expect(supplier, 0, 0, "suspended").expect(consumer, 0, 0, "suspended").check();
    }

    @Test
    void aFailingSupplierResumeFailsTheConsumerWithoutRunningItsCallbackAndLeaksNoCount() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        RpmDevice good = f.device("good", null, new RecordingOps(calls).opsWithoutIdle());
        RpmDevice bad = f.device("bad", null, new DevPmOps(d -> 0, d -> EIO, null));
        RpmDevice consumer = f.device("c", null, new RecordingOps(calls).opsWithoutIdle());
        for (RpmDevice d : List.of(good, bad, consumer)) {
            rpm.enable(d);
        }
        PmDeviceLink lg = link(consumer, good, STATELESS, PM_RUNTIME);
        PmDeviceLink lb = link(consumer, bad, STATELESS, PM_RUNTIME);

        assertThat(rpm.getSync(consumer)).as("the supplier's error fails the consumer").isEqualTo(EIO);
        assertThat(calls).as("the consumer's callback never ran").containsExactly("good:resume");
        assertThat(consumer.info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        assertThat(consumer.info().runtimeError()).as("rpm_callback stores it: fatal").isEqualTo(EIO);
        assertThat(lg.rpmActive()).isEqualTo(1);
        assertThat(lb.rpmActive()).isEqualTo(1);
        rpm.putNoidle(consumer); // get_sync keeps its reference on failure
        f.settle(); // rpm_put_suppliers asked the good supplier to idle
        Ledger.of(f).expect(good, 0, 0, "suspended").expect(bad, 0, 0, "error").expect(consumer, 0, 0, "error").check();
    }

    @Test
    void aSupplierWithRuntimePmDisabledCountsAsResumedAndKeepsItsReference() {
        RpmDevice supplier = f.device("s"); // never enabled: get_sync answers -EACCES
        RpmDevice consumer = enabled("c");
        PmDeviceLink l = link(consumer, supplier, STATELESS, PM_RUNTIME);
        assertThat(rpm.getSync(consumer)).isZero();
        assertThat(l.rpmActive()).isEqualTo(2);
        assertThat(supplier.info().usageCount()).isEqualTo(1);
        assertThat(rpm.putSync(consumer)).isZero();
        assertThat(supplier.info().usageCount()).isZero();
        f.settle();
        Ledger.of(f).expect(supplier, 0, 0, "unsupported").expect(consumer, 0, 0, "suspended").check();
    }

    @Test
    void rpmActiveResumesTheSupplierAtOnceAndDeletingTheLinkGivesItBack() {
        RpmDevice supplier = enabled("s");
        RpmDevice consumer = enabled("c");
        PmDeviceLink l = link(consumer, supplier, STATELESS, PM_RUNTIME, RPM_ACTIVE);
        assertThat(supplier.info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(l.rpmActive()).isEqualTo(2);
        assertThat(supplier.info().usageCount()).isEqualTo(1);

        assertThat(f.devices.linkDel(l)).isTrue();
        assertThat(l.live()).isFalse();
        assertThat(f.devices.suppliers(consumer)).isEmpty();
        f.settle();
        Ledger.of(f).expect(supplier, 0, 0, "suspended").expect(consumer, 0, 0, "suspended").check();
    }

    @Test
    void aStatelessLinkAddedTwiceNeedsTwoDeletes() {
        RpmDevice supplier = enabled("s");
        RpmDevice consumer = enabled("c");
        PmDeviceLink a = link(consumer, supplier, STATELESS, PM_RUNTIME);
        PmDeviceLink b = link(consumer, supplier, STATELESS);
        assertThat(b).isSameAs(a);
        assertThat(a.refs()).isEqualTo(2);
        f.devices.linkDel(a);
        assertThat(a.live()).isTrue();
        f.devices.linkRemove(consumer, supplier);
        assertThat(a.live()).isFalse();
        Ledger.of(f).expect(supplier, 0, 0, "suspended").expect(consumer, 0, 0, "suspended").check();
    }

    @Test
    void aManagedLinkBetweenDevicesWithoutDriversIsDormantAndOnlyGoesWithADevice() {
        RpmDevice supplier = enabled("s");
        RpmDevice consumer = enabled("c");
        PmDeviceLink l = link(consumer, supplier, PM_RUNTIME);
        assertThat(l.flags()).contains(DeviceLinkFlag.MANAGED);
        assertThat(l.status()).isEqualTo(DeviceLinkState.DORMANT);
        assertThat(f.devices.linkDel(l)).isFalse();
        assertThat(f.logText()).contains("c: Unable to drop a managed device link reference");
        f.devices.remove(consumer);
        assertThat(l.live()).isFalse();
        assertThat(f.devices.consumers(supplier)).isEmpty();
        Ledger.of(f).expect(supplier, 0, 0, "suspended").check();
    }

    @Test
    void refusedArgumentsSayWhy() {
        RpmDevice a = enabled("a");
        RpmDevice b = enabled("b");
        assertThatThrownBy(() -> link(a, a, STATELESS)).hasMessage("a device cannot be linked to itself");
        assertThatThrownBy(() -> link(a, b, STATELESS, DeviceLinkFlag.AUTOREMOVE_CONSUMER))
                .hasMessageContaining("DL_FLAG_STATELESS cannot be combined");
        link(a, b, STATELESS, PM_RUNTIME);
        assertThatThrownBy(() -> link(b, a, STATELESS))
                .hasMessage("a depends on b already: the link would close a dependency cycle");
        RpmDevice child = f.device("child", b);
        assertThatThrownBy(() -> link(b, child, STATELESS)).as("a supplier below its consumer")
                .hasMessageContaining("dependency cycle");
        Ledger.of(f).expect(a, 0, 0, "suspended").expect(b, 0, 0, "suspended").expect(child, 0, 0, "unsupported").check();
    }

    @Test
    void pmRuntimeSetActiveGetsTheSuppliersAndFailsWithTheirError() {
        RpmDevice bad = f.device("bad", null, new DevPmOps(d -> 0, d -> EBUSY, null));
        rpm.enable(bad);
        RpmDevice consumer = f.device("c"); // disabled, so set_active is allowed
        link(consumer, bad, STATELESS, PM_RUNTIME);
        assertThat(rpm.setActive(consumer)).isEqualTo(EBUSY);
        assertThat(consumer.info().status()).isEqualTo(RuntimeStatus.SUSPENDED);
        Ledger.of(f).expect(bad, 0, 0, "error").expect(consumer, 0, 0, "unsupported").check();
    }

    @Test
    void suppliersAreHeldAroundAProbe() {
        RpmDevice supplier = enabled("s");
        RpmDevice consumer = enabled("c");
        PmDeviceLink l = link(consumer, supplier, STATELESS, PM_RUNTIME);
        rpm.getSuppliers(consumer);
        assertThat(supplier.info().status()).isEqualTo(RuntimeStatus.ACTIVE);
        assertThat(supplier.info().usageCount()).isEqualTo(1);
        assertThat(l.rpmActive()).as("pm_runtime_get_suppliers does not count in rpm_active").isEqualTo(1);
        rpm.putSuppliers(consumer);
        f.settle();
        Ledger.of(f).expect(supplier, 0, 0, "suspended").expect(consumer, 0, 0, "suspended").check();
    }

    @Test
    void aDeviceWithoutLinksHasNoLinkLists() {
        RpmDevice d = enabled("plain");
        rpm.getSync(d);
        rpm.putSync(d);
        assertThat(d.links).isNull();
        Ledger.of(f).expect(d, 0, 0, "suspended").check();
    }

    @Test
    void upTo618EverySupplierIsAskedToIdleAfterTheConsumerSuspends() {
        RpmFixture old = new RpmFixture(KernelVersion.V6_18);
        RpmDevice c = old.device("c");
        RpmDevice s = old.device("norpm");
        old.rpm.enable(c);
        old.rpm.enable(s);
        old.devices.linkAdd(c, old.device("rpm"), EnumSet.of(PM_RUNTIME)).orElseThrow();
        old.devices.linkAdd(c, s, EnumSet.noneOf(DeviceLinkFlag.class)).orElseThrow();
        old.rpm.enable(old.devices.get("rpm"));
        old.rpm.getSync(s);
        old.rpm.putNoidle(s);
        old.rpm.getSync(c);
        old.rpm.putSync(c);
        old.settle();
        assertThat(s.info().status()).as("rpm_suspend_suppliers asks every supplier in 6.1-6.18")
                .isEqualTo(RuntimeStatus.SUSPENDED);
        Ledger.of(old).expect(c, 0, 0, "suspended").expect(s, 0, 0, "suspended")
                .expect(old.devices.get("rpm"), 0, 0, "suspended").check();
    }
}
