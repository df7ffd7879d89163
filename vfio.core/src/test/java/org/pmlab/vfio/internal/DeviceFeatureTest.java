package org.pmlab.vfio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pmlab.vfio.internal.Topologies.EP;
import static org.pmlab.vfio.internal.Topologies.RP;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.VfioFeature;
import org.pmlab.vfio.api.VfioRegion;

/**
 * {@code VFIO_DEVICE_FEATURE} itself ({@code vfio_ioctl_device_feature}): the vfio core's header checks before any driver
 * handler, the features vfio-pci does not have, the low-power features' absence before 6.1,
 * and eventfd fds meeting device calls.
 */
class DeviceFeatureTest {

    private static final int EINVAL = -22;
    private static final int ENOTTY = -25;
    private static final int EBADF = -9;
    private static final int ENODEV = -19;
    private static final int ESPIPE = -29;

    private static final int SET = VfioFeature.SET;
    private static final int GET = VfioFeature.GET;
    private static final int PROBE = VfioFeature.PROBE;

    @Test
    void theCoreChecksTheHeaderBeforeTheFeatureNumber() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.deviceFeature(fd, 7, SET | VfioFeature.LOW_POWER_EXIT, null)).as("argsz < 8").isEqualTo(EINVAL);
        assertThat(r.user.deviceFeature(fd, 8, SET | (1 << 19) | 99, null)).as("unknown flag").isEqualTo(EINVAL);
        assertThat(r.user.deviceFeature(fd, 8, GET | SET | 99, null)).as("GET and SET").isEqualTo(EINVAL);
        assertThat(r.user.deviceFeature(fd, 8, PROBE | GET | SET | 99, null)).as("unknown feature").isEqualTo(ENOTTY);
        assertThat(r.user.deviceFeature(fd, -1, SET | VfioFeature.LOW_POWER_EXIT, null))
                .as("argsz is unsigned").isZero();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void featuresVfioPciDoesNotHaveAreEnotty() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        assertThat(r.user.deviceFeature(fd, 8, PROBE | GET | VfioFeature.MIGRATION, null)).isEqualTo(ENOTTY);
        assertThat(r.user.deviceFeature(fd, 8, PROBE | SET | VfioFeature.MIG_DEVICE_STATE, null)).isEqualTo(ENOTTY);
        assertThat(r.user.deviceFeature(fd, 24, SET | VfioFeature.PCI_VF_TOKEN, new byte[16]))
                .as("no VF token but for a PF").isEqualTo(ENOTTY);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void theVfTokenOfAPfIsRefusedAsNotModelled() {
        Rig r = Rig.boot(Topologies.rpPf(), KernelVersion.V6_1).bound(Topologies.PF);
        int fd = r.open(Topologies.PF);
        assertThatThrownBy(() -> r.user.deviceFeature(fd, 24, SET | VfioFeature.PCI_VF_TOKEN, new byte[16]))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("not modelled");
        r.settle();
        r.ledger().expect(Topologies.PF, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.18", "5.19", "6.0"})
    void beforeSixOneTheLowPowerFeaturesAreUnknownAfterTheSameHeaderChecks(String kernel) {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.parse(kernel)).bound(EP);
        int fd = r.open(EP);
        int efd = r.user.eventfd();
        assertThat(r.user.lowPowerEntry(fd)).isEqualTo(ENOTTY);
        assertThat(r.user.lowPowerEntryWithWakeup(fd, efd)).isEqualTo(ENOTTY);
        assertThat(r.user.lowPowerExit(fd)).isEqualTo(ENOTTY);
        assertThat(r.user.deviceFeature(fd, 8, PROBE | SET | VfioFeature.LOW_POWER_ENTRY, null)).isEqualTo(ENOTTY);
        assertThat(r.user.deviceFeature(fd, 8, GET | SET | VfioFeature.LOW_POWER_ENTRY, null)).isEqualTo(EINVAL);
        assertThat(r.drv.user.eventfdCtx(efd).refs()).isEqualTo(1);
        r.settle();
        boolean legacy = KernelVersion.parse(kernel).before(KernelVersion.V5_19);
        r.ledger().expect(EP, legacy ? 2 : 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void anEventfdAnswersDeviceCallsAsTheKernelsEventfdFileDoes() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        int efd = r.user.eventfd();
        assertThat(efd).isEqualTo(fd + 1);
        assertThat(r.user.getInfo(efd)).isEqualTo(ENOTTY);
        assertThat(r.user.lowPowerEntry(efd)).isEqualTo(ENOTTY);
        assertThat(r.user.regionRead(efd, VfioRegion.CONFIG)).isEqualTo(ESPIPE);
        assertThat(r.user.mmap(efd, VfioRegion.BAR0)).isEqualTo(ENODEV);
        assertThat(r.user.device(efd)).isEmpty();
        assertThat(r.user.fds(EP)).containsExactly(fd);
        assertThat(r.user.eventfdCount(fd)).as("a device fd has no eventfd count").isEqualTo(EINVAL);
        assertThat(r.user.close(efd)).isZero();
        assertThat(r.user.eventfdCount(efd)).isEqualTo(EBADF);
        assertThat(r.user.lowPowerEntryWithWakeup(fd, efd)).isEqualTo(EBADF);
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }

    @Test
    void vfioKeepsSignallingAContextWhoseFdTheUserClosed() {
        Rig r = Rig.boot(Topologies.rpEp(), KernelVersion.V6_1).bound(EP);
        int fd = r.open(EP);
        int efd = r.user.eventfd();
        EventFdCtx ctx = r.drv.user.eventfdCtx(efd);
        r.user.lowPowerEntryWithWakeup(fd, efd);
        r.settle();
        r.user.close(efd);
        assertThat(ctx.refs()).as("vfio's reference").isEqualTo(1);
        assertThat(r.user.getInfo(fd)).isZero();
        assertThat(ctx.count()).isEqualTo(1);
        assertThat(ctx.refs()).isZero();
        r.settle();
        r.ledger().expect(EP, 1, 0, "active").expect(RP, 0, 1, "active").check();
    }
}
