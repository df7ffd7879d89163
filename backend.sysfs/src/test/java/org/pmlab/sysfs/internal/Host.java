package org.pmlab.sysfs.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.acpi.internal.AcpiSimFirmware;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.nod3cold.internal.NoD3coldFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.sysfs.api.SysfsView;
import org.pmlab.testsupport.TestPciDriver;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.JsonTopologyCodec;

/** The default host booted with a firmware model and the runtime PM test driver, seen through sysfs. */
final class Host {
    private static final AtomicLong IDS = new AtomicLong(1000);

    static final String EP = "/sys/bus/pci/devices/0000:01:00.0";
    static final String RP = "/sys/bus/pci/devices/0000:00:01.0";

    final SimMachine m;
    final TestPciDriver driver;
    final SysfsView sys;

    private Host(Topology t, PlatformFirmware fw, EventSink sink) {
        m = SimMachine.boot(IDS.incrementAndGet(), new BootSpec(t, KernelVersion.NEWEST, PciePortPm.DEFAULT,
                fw == null ? null : fw.name()), fw, sink, List.of());
        driver = new TestPciDriver(m.runtimePm(), m.pciCore());
        m.loadDriver(driver);
        m.clock().settle();
        sys = new View(() -> m);
    }

    static Topology defaultTopology() {
        return new JsonTopologyCodec().defaultTopology();
    }

    /** FW-A: ACPI with D3cold through the shared PSLT resource. */
    static Host acpi() {
        return new Host(defaultTopology(), new AcpiSimFirmware(), EventSink.NONE);
    }

    /** FW-B: no D3cold. */
    static Host nod3cold() {
        return new Host(defaultTopology(), new NoD3coldFirmware(), EventSink.NONE);
    }

    static Host with(Topology t, PlatformFirmware fw, EventSink sink) {
        return new Host(t, fw, sink);
    }

    String cat(String path) {
        return sys.read(path);
    }

    void echo(String value, String path) {
        sys.write(path, value + "\n");
    }

    /** Binds the endpoint to the test driver through sysfs, as a user would, and lets time run. */
    Host bindEp() {
        echo(TestPciDriver.NAME, EP + "/driver_override");
        echo("0000:01:00.0", "/sys/bus/pci/drivers/" + TestPciDriver.NAME + "/bind");
        settle();
        return this;
    }

    void settle() {
        m.clock().settle();
    }
}
