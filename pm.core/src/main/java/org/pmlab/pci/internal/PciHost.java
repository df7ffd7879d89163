package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.internal.DeviceRegistry;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.pm.internal.RuntimePmService;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.api.WorkProgress;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sim.internal.TraceBuffer;
import org.pmlab.sim.internal.VirtualClock;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.DriverProfile;
import org.pmlab.topology.api.Topology;

/**
 * The PCI layer of one machine: its functions, the host bridges above the root buses, and the
 * parts of drivers/pci that act on them. It owns no policy of its own; each part is one file.
 */
public final class PciHost {

    private final long machineId;
    private final RuntimePmService rpm;
    private final DeviceRegistry registry;
    private final VirtualClock clock;
    private final KernelLog log;
    private final TraceBuffer trace;
    private final EventSink events;
    private final FaultInjector faults;
    private final PlatformHooks platform;
    private final PciePortPm pciePortPm;
    private final int biosYear;

    private final DeviceIndex devices = new DeviceIndex();
    private final Map<String, RpmDevice> hostBridges = new HashMap<>();

    private final PowerLedger ledger = new PowerLedger(this);
    private final PowerWhy why = new PowerWhy(this);
    private final DeviceWait waits = new DeviceWait(this);
    private final PowerTransitions power = new PowerTransitions(this);
    private final BridgeD3Policy bridgeD3 = new BridgeD3Policy(this);
    private final BusPm busPm = new BusPm(this);
    private final Resets resets = new Resets(this);
    private final Sriov sriov = new Sriov(this);
    private final Enumeration enumeration = new Enumeration(this);
    private final Binding binding = new Binding(this);
    private final DeviceWakeup wakeup = new DeviceWakeup(this);
    private final PciePme pme = new PciePme(this);
    private final GpuFunctionLinks gpuLinks = new GpuFunctionLinks(this);
    private final PciCoreImpl core = new PciCoreImpl(this);
    private final PciBusImpl bus = new PciBusImpl(this);

    public PciHost(long machineId, RuntimePmService rpm, DeviceRegistry registry, VirtualClock clock, KernelLog log,
            TraceBuffer trace, EventSink events, FaultInjector faults, PlatformHooks platform, PciePortPm pciePortPm,
            int biosYear) {
        this.machineId = machineId;
        this.rpm = rpm;
        this.registry = registry;
        this.clock = clock;
        this.log = log;
        this.trace = trace;
        this.events = events;
        this.faults = faults;
        this.platform = platform;
        this.pciePortPm = pciePortPm;
        this.biosYear = biosYear;
        declareFaults();
    }

    /** The function (or its link) does not come back from D3cold. */
    static final String FAULT_D3COLD_EXIT = "d3cold_exit";

    private void declareFaults() {
        java.util.function.Predicate<String> isPci = t -> {
            try {
                return find(Bdf.parse(t)) != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        };
        faults.declare(new FaultPoint(BusPm.FAULT_RESUME, "device",
                "the device's runtime resume callback fails (after the PCI core powered it up)"), isPci);
        faults.declare(new FaultPoint(BusPm.FAULT_SUSPEND, "device", "the device's runtime suspend callback fails"), isPci);
        faults.declare(new FaultPoint(PciCoreImpl.FAULT_ENABLE, "device", "pci_enable_device fails"), isPci);
        faults.declare(new FaultPoint(Resets.FAULT_FUNCTION, "device", "a function reset fails"), isPci);
        faults.declare(new FaultPoint(Resets.FAULT_BUS, "device", "a bus or slot reset of the device's bus fails"), isPci);
        faults.declare(new FaultPoint(Sriov.FAULT_ENABLE, "device", "pci_enable_sriov fails"), isPci);
        faults.declare(new FaultPoint(FAULT_D3COLD_EXIT, "device", "the function does not come back from D3cold: once "
                + "its power returns it stays in reset and reads all ones, until its power is cut and restored again "
                + "(the errno is not used)"), isPci);
    }

    /**
     * Boot, part one: {@code pci_device_add} for every function of the topology (pci_pm_init's
     * defaults). Firmware is attached after this and before {@link #addAll()}.
     */
    public void enumerate(Topology topology, WorkProgress progress) {
        List<DeviceSpec> specs = topology.devices();
        int n = specs.size();
        devices.reserve(n);
        for (int i = 0; i < n; i++) {
            enumeration.addDevice(specs.get(i), null);
            if (i % WorkProgress.EVERY == 0) {
                progress.progress(i, n);
            }
        }
        progress.progress(n, n);
    }

    /**
     * Boot, part two: {@code pci_bus_add_devices} bus by bus, as the kernel walks them: every
     * function of a bus is added (and bound) before the buses below it; then the built-in
     * drivers, and the drivers named by the topology through driver_override.
     */
    public void addAll(Topology topology, WorkProgress progress) {
        binding.register(new PcieportDriver(this));
        binding.register(new PciStubDriver());
        registerProfiles(topology);
        for (DeviceSpec spec : topology.devices()) {
            String drv = spec.driver();
            if (drv != null && !drv.equals(PcieportDriver.NAME)) {
                find(spec.bdf()).driverOverride = drv; // bound when that driver is present
            }
        }
        List<PciDev> level = new ArrayList<>();
        for (PciDev d : devices.inOrder()) {
            if (d.bridge == null) {
                level.add(d);
            }
        }
        long total = topology.devices().size();
        long added = 0;
        while (!level.isEmpty()) {
            List<PciDev> next = new ArrayList<>();
            for (PciDev d : level) {
                enumeration.busAddDevice(d);
                if (++added % WorkProgress.EVERY == 0) {
                    progress.progress(added, total);
                }
            }
            for (PciDev d : level) {
                next.addAll(java.util.Arrays.asList(d.subordinates));
            }
            level = next;
        }
        progress.progress(added, total);
    }

    /** The built-in native driver profiles, each replaced by a topology's profile of the same name. */
    private void registerProfiles(Topology topology) {
        Map<String, DriverProfile> profiles = new java.util.LinkedHashMap<>();
        for (DriverProfile p : BuiltinProfiles.ALL) {
            profiles.put(p.name(), p);
        }
        for (DriverProfile p : topology.drivers()) {
            profiles.put(p.name(), p);
        }
        for (DriverProfile p : profiles.values()) {
            binding.register(new ProfileDriver(this, p));
        }
    }

    /** Binds the devices that name a driver loaded after boot (as a module load would). */
    public void bindNamed(String driverName) {
        for (PciDev d : devices.inOrder()) {
            if (driverName.equals(d.driverOverride) && d.driver == null) {
                binding.attach(d);
            }
        }
    }

    /** The platform switched a function's main power: re-read it, and account the change. */
    public void powerChanged(Bdf bdf) {
        PciDev d = find(bdf);
        if (d != null) {
            power.mainPowerChanged(d);
        }
    }

    // ---- lookup ----

    PciDev find(Bdf bdf) {
        return devices.get(bdf);
    }

    PciDev own(PciDevice d) {
        if (d instanceof PciDev p && devices.get(p.bdf) == p) {
            return p;
        }
        throw new IllegalArgumentException("not a PCI device of this machine: " + d);
    }

    /** Every function in address order (a snapshot, not copied per call). */
    List<PciDev> devicesInOrder() {
        return devices.inOrder();
    }

    int deviceCount() {
        return devices.size();
    }

    void index(PciDev dev) {
        devices.put(dev);
        if (dev.bridge != null) {
            synchronized (devices) {
                dev.bridge.subordinates = PciDev.insertSorted(dev.bridge.subordinates, dev);
            }
        }
    }

    void unindex(PciDev dev) {
        devices.remove(dev);
        if (dev.bridge != null) {
            synchronized (devices) {
                dev.bridge.subordinates = PciDev.without(dev.bridge.subordinates, dev);
            }
        }
    }

    /** Adds a VF to its PF's list, in creation order. */
    void addVf(PciDev pf, PciDev vf) {
        synchronized (devices) {
            pf.setVfs(PciDev.appended(pf.vfs(), vf));
        }
    }

    void removeVf(PciDev pf, PciDev vf) {
        synchronized (devices) {
            pf.setVfs(PciDev.without(pf.vfs(), vf));
        }
    }

    /** Registered functions on a bridge's secondary bus. */
    List<PciDev> onBus(PciDev bridge) {
        List<PciDev> out = new ArrayList<>();
        for (PciDev d : bridge.subordinates) {
            if (d.registered) {
                out.add(d);
            }
        }
        return out;
    }

    /** Every registered function below a bridge, depth first ({@code pci_walk_bus} on its subordinate bus). */
    List<PciDev> below(PciDev bridge) {
        List<PciDev> out = new ArrayList<>();
        collect(bridge, out);
        return out;
    }

    private static void collect(PciDev bridge, List<PciDev> out) {
        for (PciDev d : bridge.subordinates) {
            if (d.registered) {
                out.add(d);
                collect(d, out);
            }
        }
    }

    /** The host bridge device above a root bus ("pci0000:00"): runtime PM never enabled on it. */
    RpmDevice hostBridge(Bdf bdf) {
        String name = "pci" + bdf.toString().substring(0, 7); // pci_domain_nr:bus, as "pci0000:00"
        synchronized (hostBridges) {
            return hostBridges.computeIfAbsent(name, n -> registry.add(n, null, null));
        }
    }

    /** Posts a PCI event about one device to the machine's listeners, if any. */
    void post(String topic, PciDev dev, Object... keyValues) {
        if (!events.stateWatched()) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ModelEvents.MACHINE, machineId);
        p.put(ModelEvents.DEVICE, dev.name());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        events.post(topic, p);
    }

    void log(PciDev dev, String message) {
        log.print(dev.logPrefix() + ": " + message);
    }

    // ---- parts and machine facilities ----

    public PciBus bus() {
        return bus;
    }

    public PciCore core() {
        return core;
    }

    PowerTransitions power() {
        return power;
    }

    PowerLedger ledger() {
        return ledger;
    }

    PowerWhy why() {
        return why;
    }

    DeviceWait waits() {
        return waits;
    }

    BridgeD3Policy bridgeD3() {
        return bridgeD3;
    }

    BusPm busPm() {
        return busPm;
    }

    Resets resets() {
        return resets;
    }

    Sriov sriov() {
        return sriov;
    }

    Enumeration enumeration() {
        return enumeration;
    }

    Binding binding() {
        return binding;
    }

    DeviceWakeup wakeup() {
        return wakeup;
    }

    PciePme pme() {
        return pme;
    }

    GpuFunctionLinks gpuLinks() {
        return gpuLinks;
    }

    RuntimePmService rpm() {
        return rpm;
    }

    DeviceRegistry registry() {
        return registry;
    }

    VirtualClock clock() {
        return clock;
    }

    KernelLog log() {
        return log;
    }

    TraceBuffer trace() {
        return trace;
    }

    EventSink events() {
        return events;
    }

    FaultInjector faults() {
        return faults;
    }

    public PlatformHooks platform() {
        return platform;
    }

    PciePortPm pciePortPm() {
        return pciePortPm;
    }

    int biosYear() {
        return biosYear;
    }

    long machineId() {
        return machineId;
    }
}
