package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;

/** The registry finds PCI functions by a name hash computed from the address: it must be the text's own. */
class PciDevNameHashTest {

    @Test
    void isTheHashOfTheAddressText() {
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            Bdf bdf = new Bdf(random.nextInt(0x10000), random.nextInt(0x100), random.nextInt(0x20), random.nextInt(8));
            assertThat(PciDev.nameHash(bdf)).as(bdf.toString()).isEqualTo(bdf.toString().hashCode());
        }
        Bdf last = new Bdf(0xffff, 0xff, 0x1f, 7);
        assertThat(PciDev.nameHash(last)).isEqualTo("ffff:ff:1f.7".hashCode());
    }
}
