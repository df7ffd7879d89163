package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.KernelVersion;

/**
 * The seventh case of drivers/base/power/runtime-test.c, {@code pm_runtime_supplier_suspend_test},
 * step by step: a consumer with a DL_FLAG_PM_RUNTIME link to one supplier and a plain (managed)
 * link to another, all bare devices without callbacks. {@code flush_workqueue(pm_wq)} is a
 * settle of the machine's clock, which runs every queued work item.
 */
class KunitSupplierTest {

    @Test
    void supplierSuspendTest_onlyTheRuntimeLinkedSupplierFollowsTheConsumer() {
        RpmFixture f = new RpmFixture(KernelVersion.NEWEST);
        RuntimePm rpm = f.rpm;
        RpmDevice dev = f.device("pm_runtime_test_device");
        RpmDevice supplier = f.device("pm_runtime_test_device_supplier");
        RpmDevice norpm = f.device("pm_runtime_test_device_norpm_supplier");

        assertThat(f.devices.linkAdd(dev, supplier, EnumSet.of(DeviceLinkFlag.PM_RUNTIME))).isPresent();
        assertThat(f.devices.linkAdd(dev, norpm, EnumSet.noneOf(DeviceLinkFlag.class))).isPresent();

        rpm.enable(dev);
        rpm.enable(supplier);
        rpm.enable(norpm);
        assertThat(rpm.suspended(dev)).isTrue();
        assertThat(rpm.suspended(supplier)).isTrue();
        assertThat(rpm.suspended(norpm)).isTrue();

        // resume the device and its RPM-linked supplier; the other supplier stays suspended
        assertThat(rpm.getSync(dev)).isZero();
        assertThat(rpm.active(dev)).isTrue();
        assertThat(rpm.active(supplier)).isTrue();
        assertThat(rpm.suspended(norpm)).isTrue();

        // also resume the non-RPM-linked supplier
        assertThat(rpm.getSync(norpm)).isZero();
        assertThat(rpm.active(norpm)).isTrue();
        rpm.putNoidle(norpm);
        assertThat(rpm.active(norpm)).isTrue();

        // suspending the device suspends its RPM-linked supplier only
        assertThat(rpm.putSync(dev)).isZero();
        f.settle(); // flush_workqueue(pm_wq): the supplier's suspend is asynchronous
        assertThat(rpm.suspended(dev)).isTrue();
        assertThat(rpm.suspended(supplier)).isTrue();
        assertThat(rpm.active(norpm)).isTrue();

        // now suspend the non-RPM-linked supplier
        assertThat(rpm.suspend(norpm)).isZero();
        assertThat(rpm.suspended(dev)).isTrue();
        assertThat(rpm.suspended(supplier)).isTrue();
        assertThat(rpm.suspended(norpm)).isTrue();

        Ledger.of(f).expect(dev, 0, 0, "suspended").expect(supplier, 0, 0, "suspended")
                .expect(norpm, 0, 0, "suspended").check();
    }
}
