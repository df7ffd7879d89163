package org.pmlab.sim.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.pci.api.PciDriverProvider;
import org.pmlab.sim.api.BootSpec;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.Lab;
import org.pmlab.sim.api.Machine;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;
import org.pmlab.topology.api.TopologySource;

/**
 * The lab: owns the live machine and boots fresh ones. The firmware is a dynamic reference whose
 * target filter comes from Config Admin ({@code firmware.target}); binding another one swaps it
 * live. When the bound firmware goes away, the lab falls back to another registered one, else
 * native PCI PM. Kernel, kernel parameter and hardware changes reboot the live machine.
 */
@Component(service = Lab.class, immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE,
        configurationPid = {KernelVersion.PID, Lab.PLATFORM_PID})
public final class LabComponent implements Lab {

    private static final AtomicLong IDS = new AtomicLong();

    @Reference
    private TopologyCodec codec;
    private final EventAdminSink sink = new EventAdminSink();
    private final List<PlatformFirmware> firmwares = new CopyOnWriteArrayList<>();
    private final List<PciDriverProvider> drivers = new CopyOnWriteArrayList<>();
    private final List<TopologySource> sources = new CopyOnWriteArrayList<>();
    private final Object monitor = new Object();

    private volatile PlatformFirmware selected;
    private volatile SimMachine live;
    private volatile BootKey bootKey;
    /** Why the live machine could not boot (a bad topology file): every use reports it. */
    private volatile String bootFailure;
    private volatile KernelSettings lastKernel;
    private volatile PlatformSettings lastPlatform;

    /** What a boot depends on; a change of any of it is a reboot. */
    private record BootKey(KernelVersion kernel, PciePortPm pciePortPm, String topology, int biosYear) {
    }

    /** Called after the references are bound, so the machine boots with the selected firmware already there. */
    @Activate
    void activate(KernelSettings kernel, PlatformSettings platform) {
        tryBoot(kernel, platform);
    }

    @Modified
    void modified(KernelSettings kernel, PlatformSettings platform) {
        tryBoot(kernel, platform);
    }

    /**
     * Boots when what the machine depends on changed. Bad settings (a topology file with an error,
     * an unknown kernel) are reported by every use of the lab, in one line, rather than as an
     * activation failure; a running machine is kept.
     */
    private void tryBoot(KernelSettings kernel, PlatformSettings platform) {
        lastKernel = kernel;
        lastPlatform = platform;
        try {
            BootKey key = keyOf(kernel, platform);
            if (!key.equals(bootKey)) {
                boot(key);
            }
            bootFailure = null;
        } catch (IllegalArgumentException e) {
            bootFailure = e.getMessage();
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    @Deactivate
    void deactivate() {
        live = null;
    }

    private static BootKey keyOf(KernelSettings k, PlatformSettings p) {
        return new BootKey(KernelVersion.parse(k.version()), PciePortPm.parse(k.pcie__port__pm()),
                p.topology().trim(), p.bios__year());
    }

    private void boot(BootKey key) {
        Topology topology = loadTopology(key.topology());
        if (key.biosYear() != 0) {
            topology = topology.withPlatform(topology.platform().withBiosYear(key.biosYear()));
        }
        PlatformFirmware fw = selected;
        BootSpec spec = new BootSpec(topology, key.kernel(), key.pciePortPm(), fw == null ? null : fw.name());
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, sink, List.of());
        for (PciDriverProvider p : drivers) {
            m.loadDriver(p.create(m));
        }
        synchronized (monitor) {
            live = m;
            bootKey = key;
            monitor.notifyAll();
        }
        sink.post(ModelEvents.MACHINE_BOOT, Map.of(ModelEvents.MACHINE, m.id()));
    }

    private Topology loadTopology(String name) {
        if (name.isEmpty()) {
            return codec.defaultTopology();
        }
        for (TopologySource s : sources) {
            if (s.name().equals(name)) {
                return s.load();
            }
        }
        return codec.read(Path.of(name));
    }

    // ---- firmware: the selected one (target filter) and every registered one (fallback, fresh machines) ----

    @Reference(name = "firmware", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindFirmware")
    void bindFirmware(PlatformFirmware fw) {
        selected = fw;
        swapLive(fw);
    }

    void unbindFirmware(PlatformFirmware fw) {
        if (selected != fw) {
            return; // already replaced by a greedy rebind
        }
        PlatformFirmware fallback = firmwares.stream().filter(f -> f != fw)
                .min(Comparator.comparing(PlatformFirmware::name)).orElse(null);
        selected = fallback;
        swapLive(fallback);
    }

    private void swapLive(PlatformFirmware fw) {
        SimMachine m = live;
        if (m == null || Objects.equals(m.firmware().activeName(), fw == null ? FirmwareSlot.NATIVE : fw.name())) {
            return;
        }
        m.firmware().swap(fw);
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    @Reference(name = "firmwares", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeFirmware")
    void addFirmware(PlatformFirmware fw) {
        firmwares.add(fw);
    }

    void removeFirmware(PlatformFirmware fw) {
        firmwares.remove(fw);
    }

    // ---- PCI driver modules (whiteboard) ----

    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDriver")
    void addDriver(PciDriverProvider p) {
        drivers.add(p);
        SimMachine m = live;
        if (m != null) {
            m.loadDriver(p.create(m));
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    void removeDriver(PciDriverProvider p) {
        drivers.remove(p);
        SimMachine m = live;
        if (m != null) {
            m.pci().unregisterDriver(p.driverName()); // rmmod: every device it drove is unbound
        }
    }

    // ---- topology sources (e.g. "host", from the sysfs backend) ----

    @Reference(name = "topologySource", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSource", target = "(" + TopologySource.NAME + "=*)")
    void addSource(TopologySource s) {
        sources.add(s);
        if (bootFailure != null && lastPlatform != null && lastPlatform.topology().trim().equals(s.name())) {
            tryBoot(lastKernel, lastPlatform); // the source named by the settings came after activation
        }
    }

    void removeSource(TopologySource s) {
        sources.remove(s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetEventAdmin")
    void setEventAdmin(EventAdmin ea) {
        sink.set(ea);
    }

    void unsetEventAdmin(EventAdmin ea) {
        sink.set(null);
    }

    // ---- Lab ----

    @Override
    public Machine live() {
        SimMachine m = live;
        String failure = bootFailure;
        if (m == null || failure != null) {
            throw new IllegalStateException(failure != null ? "cannot boot the simulated host: " + failure
                    : "the lab is not running");
        }
        return m;
    }

    @Override
    public Machine boot(BootSpec spec) {
        PlatformFirmware fw = null;
        if (spec.firmware() != null) {
            fw = firmwares.stream().filter(f -> f.name().equals(spec.firmware())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no firmware named '" + spec.firmware()
                            + "'; registered: " + String.join(", ", firmwareNames())));
        }
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, EventSink.NONE, List.of());
        for (PciDriverProvider p : drivers) {
            m.loadDriver(p.create(m));
        }
        return m;
    }

    @Override
    public List<String> firmwareNames() {
        List<String> names = new ArrayList<>();
        for (PlatformFirmware f : firmwares) {
            names.add(f.name());
        }
        names.sort(null);
        return names;
    }

    @Override
    public String firmwareDescription(String name) {
        return firmwares.stream().filter(f -> f.name().equals(name)).map(PlatformFirmware::description).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no firmware named '" + name + "'"));
    }

    @Override
    public boolean await(Predicate<Machine> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                SimMachine m = live;
                if (bootFailure != null) {
                    throw new IllegalStateException("cannot boot the simulated host: " + bootFailure);
                }
                if (m != null && condition.test(m)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
