package org.pmlab.machine.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;

/** Boots machines: the live one from the lab's settings, and fresh ones for comparisons. */
final class Booter {

    private static final AtomicLong IDS = new AtomicLong();

    private final TopologyCodec codec;

    Booter(TopologyCodec codec) {
        this.codec = codec;
    }

    /**
     * The live machine for a boot key, with the selected firmware and every registered driver.
     *
     * @throws IllegalArgumentException when the topology cannot be loaded
     */
    SimMachine bootLive(BootKey key, LabState lab, EventSink events, BootProgress progress) {
        progress.step("reading the topology");
        Topology topology = lab.sources().load(key.topology(), codec);
        if (key.biosYear() != 0) {
            topology = topology.withPlatform(topology.platform().withBiosYear(key.biosYear()));
        }
        PlatformFirmware fw = lab.firmware().selected();
        BootSpec spec = new BootSpec(topology, key.kernel(), key.pciePortPm(), fw == null ? null : fw.name());
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, events, List.of(), progress);
        progress.step("loading driver modules");
        lab.drivers().loadInto(m);
        return m;
    }

    /**
     * A machine nobody watches, for a comparison.
     *
     * @throws IllegalArgumentException when the named firmware is not registered
     */
    SimMachine bootFresh(BootSpec spec, LabState lab) {
        PlatformFirmware fw = null;
        if (spec.firmware() != null) {
            fw = lab.firmware().byName(spec.firmware()).orElseThrow(() -> new IllegalArgumentException(
                    "no firmware named '" + spec.firmware() + "'; registered: " + String.join(", ", lab.firmware().names())));
        }
        return boot(spec, fw, lab.drivers(), EventSink.NONE);
    }

    private static SimMachine boot(BootSpec spec, PlatformFirmware fw, DriverModules drivers, EventSink events) {
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, events, List.of());
        drivers.loadInto(m);
        return m;
    }
}
