package org.pmlab.machine.internal;

import java.util.Map;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.DriverContext;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.internal.PciHost;
import org.pmlab.pci.internal.PlatformHooks;
import org.pmlab.pm.api.PmDevices;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.pm.internal.DeviceRegistry;
import org.pmlab.pm.internal.RpmContext;
import org.pmlab.pm.internal.RuntimePmService;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.SimClock;
import org.pmlab.sim.api.Trace;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sim.internal.FaultRegistry;
import org.pmlab.sim.internal.RingLog;
import org.pmlab.sim.internal.TraceBuffer;
import org.pmlab.sim.internal.VirtualClock;
import org.pmlab.topology.api.Topology;

/**
 * One simulated host, booted from a {@link BootSpec}: the composition root that wires every
 * layer of one machine together. Drivers see it only as a {@link DriverContext}, firmware only
 * as a {@link FirmwareContext}.
 */
public final class SimMachine implements Machine, DriverContext, FirmwareContext {

    private final long id;
    private final BootSpec spec;
    /** Its settle limit grows with the devices the machine has. */
    private final VirtualClock clock = new VirtualClock(this::deviceCount);
    private final RingLog log = new RingLog(clock::nanoTime);
    private final EventSink sink;
    private final TraceBuffer trace;
    private final FaultRegistry faults;
    private final RuntimePmService rpm = new RuntimePmService();
    private final DeviceRegistry registry;
    private final PciHost pci;
    private final FirmwareSlot firmware;

    private SimMachine(long id, BootSpec spec, EventSink sink) {
        this.id = id;
        this.spec = spec;
        this.sink = sink;
        this.trace = new TraceBuffer(clock::nanoTime, sink, id);
        this.faults = new FaultRegistry(trace);
        RpmContext ctx = new RpmContext(id, clock, spec.kernel(), trace, log, sink, faults);
        this.registry = new DeviceRegistry(ctx, rpm);
        PlatformHooks hooks = new PlatformHooks();
        this.pci = new PciHost(id, rpm, registry, clock, log, trace, sink, faults, hooks, spec.pciePortPm(),
                spec.topology().platform().biosYear());
        this.firmware = new FirmwareSlot(this, hooks);
    }

    /**
     * Boots: PCI functions enumerated, firmware attached (ACPI is up before PCI on a real host),
     * devices added bus by bus with the built-in drivers, then the given drivers loaded.
     */
    public static SimMachine boot(long id, BootSpec spec, PlatformFirmware firmware, EventSink sink,
            Iterable<PciDriver> drivers) {
        return boot(id, spec, firmware, sink, drivers, BootProgress.NONE);
    }

    /** The same, telling {@code progress} how far enumeration and the adding of devices are. */
    public static SimMachine boot(long id, BootSpec spec, PlatformFirmware firmware, EventSink sink,
            Iterable<PciDriver> drivers, BootProgress progress) {
        SimMachine m = new SimMachine(id, spec, sink);
        m.pci.enumerate(spec.topology(), progress.step("enumerating functions"));
        m.firmware.attachAtBoot(firmware);
        m.pci.addAll(spec.topology(), progress.step("adding functions and binding built-in drivers"));
        for (PciDriver d : drivers) {
            m.loadDriver(d);
        }
        return m;
    }

    private int deviceCount() {
        DeviceRegistry r = registry;
        return r == null ? 0 : r.size();
    }

    /** Registers a driver module on this machine and binds the devices that name it. */
    public void loadDriver(PciDriver driver) {
        pci.bus().registerDriver(driver);
        pci.bindNamed(driver.name());
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long machineId() {
        return id;
    }

    @Override
    public BootSpec bootSpec() {
        return spec;
    }

    @Override
    public KernelVersion kernel() {
        return spec.kernel();
    }

    @Override
    public Topology topology() {
        return spec.topology();
    }

    @Override
    public SimClock clock() {
        return clock;
    }

    @Override
    public RuntimePm runtimePm() {
        return rpm;
    }

    @Override
    public PmDevices pmDevices() {
        return registry;
    }

    @Override
    public PciBus pci() {
        return pci.bus();
    }

    @Override
    public PciCore pciCore() {
        return pci.core();
    }

    @Override
    public FirmwareControl firmware() {
        return firmware;
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public KernelLog log() {
        return log;
    }

    @Override
    public Trace trace() {
        return trace;
    }

    @Override
    public void powerChanged(org.pmlab.hw.api.Bdf function) {
        pci.powerChanged(function);
    }

    @Override
    public boolean eventsWatched() {
        return sink.stateWatched();
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
        if (sink.stateWatched()) {
            sink.post(topic, properties);
        }
    }
}
