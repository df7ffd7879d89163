package org.pmlab.modeltest;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sysfs.api.SysfsView;
import org.pmlab.sysfs.internal.SysfsComponent;
import org.pmlab.topology.api.Topology;
import org.pmlab.vfio.api.VfioUser;
import org.pmlab.vfio.internal.VfioModules;
import org.pmlab.vfio.internal.VfioPciModule;

/**
 * One booted machine with every layer the lab puts together (PCI, firmware, runtime PM, vfio-pci
 * loaded as a driver module, the sysfs view), built on the calling thread: no lab thread, no
 * OSGi framework, nobody watching its events.
 */
final class Host {

    /** The firmware models by the names {@code fw:use} takes. */
    static final List<String> FIRMWARES = List.of("acpi-sim", "nod3cold", FirmwareControl.NATIVE);

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    final SimMachine m;
    final VfioPciModule vfio;
    final VfioUser user;
    final SysfsView sysfs;

    private Host(SimMachine m, VfioPciModule vfio) {
        this.m = m;
        this.vfio = vfio;
        m.loadDriver(vfio.create(m));
        this.user = vfio.user(m);
        this.sysfs = new SysfsComponent(null).of(m);
    }

    static Host boot(Topology topology, KernelVersion kernel, String firmware, boolean disableIdleD3) {
        PlatformFirmware fw = firmware(firmware);
        BootSpec spec = new BootSpec(topology, kernel, PciePortPm.DEFAULT, fw == null ? null : fw.name());
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, EventSink.NONE, List.of());
        return new Host(m, VfioModules.create(disableIdleD3));
    }

    /** A new instance of the named firmware model; {@code null} for native PCI PM. */
    static PlatformFirmware firmware(String name) {
        return switch (name) {
            case "acpi-sim" -> new AcpiSimFirmware();
            case "nod3cold" -> new NoD3coldFirmware();
            case FirmwareControl.NATIVE -> null;
            default -> throw new IllegalArgumentException("no firmware model " + name);
        };
    }
}
