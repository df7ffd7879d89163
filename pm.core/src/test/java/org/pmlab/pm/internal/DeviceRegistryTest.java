package org.pmlab.pm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmlab.pm.api.PmDevice;

class DeviceRegistryTest {

    private final RpmFixture f = new RpmFixture();

    @Test
    void aDeviceWithChildrenCannotBeRemovedUntilTheyAre() {
        RpmDevice parent = f.device("parent");
        RpmDevice a = f.device("a", parent);
        RpmDevice b = f.device("b", parent);

        assertThatThrownBy(() -> f.devices.remove(parent)).hasMessageStartingWith("device parent still has child ");
        f.devices.remove(a);
        assertThatThrownBy(() -> f.devices.remove(parent)).hasMessage("device parent still has child b");
        f.devices.remove(b);
        f.devices.remove(parent);

        assertThat(f.devices.all()).isEmpty();
    }

    @Test
    void thePciCoresRemovalLeavesAChildRegisteredThatStillResumesAndSuspends() {
        RpmDevice vf = f.device("vf");
        RpmDevice child = f.device("child", vf);
        f.rpm.enable(vf);
        f.rpm.enable(child);

        f.devices.removeLeavingChildren(vf);

        assertThat(f.devices.all()).containsExactly(child);
        assertThat(f.rpm.getSync(child)).isZero();
        assertThat(child.info().runtimeStatus()).isEqualTo("active");
        assertThat(f.rpm.putSync(child)).isZero();
        assertThat(child.info().runtimeStatus()).isEqualTo("suspended");
        f.devices.remove(child);
        assertThat(f.devices.all()).isEmpty();
    }

    @Test
    void removingManyChildrenOneByOneLeavesTheParentRemovable() {
        RpmDevice pf = f.device("pf");
        for (int i = 0; i < 10_000; i++) {
            f.device("vf" + i, pf);
        }
        for (int i = 9_999; i >= 0; i--) {
            f.devices.remove(f.devices.get("vf" + i));
        }

        f.devices.remove(pf);

        assertThat(f.devices.size()).isZero();
    }

    @Test
    void keepsRegistrationOrderAndFindsEveryNameThroughRemovalsAndRegrowth() {
        List<String> expected = new ArrayList<>();
        Random random = new Random(15);
        for (int i = 0; i < 5_000; i++) {
            f.device("d" + i);
            expected.add("d" + i);
            if (random.nextInt(3) == 0) {
                String gone = expected.remove(random.nextInt(expected.size()));
                f.devices.remove(f.devices.get(gone));
            }
        }

        assertThat(f.devices.all()).extracting(PmDevice::name).containsExactlyElementsOf(expected);
        for (String name : expected) {
            assertThat(f.devices.get(name).name()).isEqualTo(name);
        }
        assertThat(f.devices.find("d-none")).isEmpty();
        assertThat(f.devices.size()).isEqualTo(expected.size());
    }
}
