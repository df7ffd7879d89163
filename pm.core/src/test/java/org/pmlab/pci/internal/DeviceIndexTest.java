package org.pmlab.pci.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.topology.api.DeviceSpec;

class DeviceIndexTest {

    @Test
    void findsWhatWasAddedAndWalksInAddressOrderThroughAnyMixOfAddsAndRemoves() {
        Random random = new Random(15);
        DeviceIndex index = new DeviceIndex();
        TreeMap<Bdf, PciDev> reference = new TreeMap<>();
        List<PciDev> present = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (present.isEmpty() || random.nextInt(3) > 0) {
                // few domains and buses, so probe runs collide and wrap
                Bdf bdf = new Bdf(random.nextInt(3), random.nextInt(4), random.nextInt(32), random.nextInt(8));
                if (reference.containsKey(bdf)) {
                    continue;
                }
                PciDev d = dev(bdf);
                index.put(d);
                reference.put(bdf, d);
                present.add(d);
            } else {
                PciDev d = present.remove(random.nextInt(present.size()));
                index.remove(d);
                reference.remove(d.bdf);
            }
            if (step % 1000 == 0) {
                assertThat(index.inOrder()).containsExactlyElementsOf(reference.values());
            }
        }
        assertThat(index.size()).isEqualTo(reference.size());
        for (int domain = 0; domain < 3; domain++) {
            for (int bus = 0; bus < 4; bus++) {
                for (int devfn = 0; devfn < 256; devfn++) {
                    Bdf bdf = new Bdf(domain, bus, devfn >> 3, devfn & 7);
                    assertThat(index.get(bdf)).isSameAs(reference.get(bdf));
                }
            }
        }
        assertThat(index.inOrder()).containsExactlyElementsOf(reference.values());
    }

    @Test
    void removingAnotherFunctionAtTheSameAddressLeavesTheIndexedOne() {
        DeviceIndex index = new DeviceIndex();
        PciDev first = dev(new Bdf(0, 1, 0, 0));
        index.put(first);

        index.remove(dev(new Bdf(0, 1, 0, 0)));

        assertThat(index.get(first.bdf)).isSameAs(first);
    }

    private static PciDev dev(Bdf bdf) {
        DeviceSpec spec = new DeviceSpec(bdf, null, 0x020000, 0x8086, 0x1000, PortType.ENDPOINT, null, null, HotplugKind.NONE,
                false, false, false, null, null, "Ethernet controller");
        return new PciDev(spec, null, null);
    }
}
