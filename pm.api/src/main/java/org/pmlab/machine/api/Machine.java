package org.pmlab.machine.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pm.api.PmDevices;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.SimClock;
import org.pmlab.sim.api.Trace;

/**
 * One simulated host: hardware from a topology, a kernel of a given version, firmware, and the
 * drivers registered with it. Every layer of one machine shares its clock, log and trace.
 */
@ProviderType
public interface Machine {
    /** Distinct for every machine booted in this JVM. */
    long id();

    BootSpec bootSpec();

    default KernelVersion kernel() {
        return bootSpec().kernel();
    }

    SimClock clock();

    RuntimePm runtimePm();

    PmDevices pmDevices();

    /** The PCI bus as user space sees it (sysfs-level operations). */
    PciBus pci();

    /** The PCI core functions drivers call. */
    PciCore pciCore();

    FirmwareControl firmware();

    FaultInjector faults();

    KernelLog log();

    Trace trace();

    /** Posts a model event to whoever listens (the live machine forwards to Event Admin). */
    void post(String topic, Map<String, Object> properties);
}
