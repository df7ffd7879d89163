package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.Trace;
import org.pmlab.topology.api.Topology;

/**
 * The machine as a firmware model sees it: topology, fault registry, trace, event posts, and a
 * PCI bus that can only look functions up. Everything else of the bus throws.
 */
final class FakeMachine implements FirmwareContext {
    private static final AtomicLong IDS = new AtomicLong(100);

    private final long id = IDS.incrementAndGet();
    private final Topology topology;
    final FakeFaultInjector faults = new FakeFaultInjector();
    final RecordingTrace trace = new RecordingTrace();
    final List<Map<String, Object>> posts = new ArrayList<>();
    final List<String> topics = new ArrayList<>();
    /** Functions the PCI bus knows; empty means "before PCI enumeration". */
    final Map<Bdf, PciDevice> pciDevices = new HashMap<>();

    FakeMachine(Topology topology) {
        this.topology = topology;
    }

    @Override
    public long machineId() {
        return id;
    }

    long id() {
        return id;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public Trace trace() {
        return trace;
    }

    @Override
    public boolean eventsWatched() {
        return true;
    }

    @Override
    public synchronized void post(String topic, Map<String, Object> properties) {
        topics.add(topic);
        posts.add(Map.copyOf(properties));
    }

    synchronized List<Map<String, Object>> posts() {
        return List.copyOf(posts);
    }

    @Override
    public PciBus pci() {
        return new LookupOnlyBus();
    }

    private final class LookupOnlyBus implements PciBus {
        @Override
        public Optional<PciDevice> find(Bdf bdf) {
            return Optional.ofNullable(pciDevices.get(bdf));
        }

        @Override
        public List<PciDevice> devices() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PciDevice get(Bdf bdf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> drivers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerDriver(PciDriver driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unregisterDriver(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int bind(Bdf bdf, String driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int unbind(Bdf bdf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int setDriverOverride(Bdf bdf, String driver) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int probe(Bdf bdf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int setD3coldAllowed(Bdf bdf, boolean allowed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.pmlab.pci.api.Residency> residency(List<Bdf> bdfs, long fromNs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.pmlab.pci.api.WhyBlock> why(Bdf bdf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long residencyHistoryStartNs() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int setWakeup(Bdf bdf, boolean enabled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int setSriovNumVfs(Bdf bdf, int numVfs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int reset(Bdf bdf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConfigRegisters readConfig(Bdf bdf) {
            throw new UnsupportedOperationException();
        }
    }
}
