package org.pmlab.pci.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.KernelLog;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.Trace;

/**
 * What a PCI driver module sees of the machine it is loaded into: the kernel interfaces a
 * driver calls (runtime PM, the PCI core and bus), the kernel log and trace, and the fault
 * points it may declare. Nothing else of the machine is reachable from a driver.
 */
@ProviderType
public interface DriverContext {
    /** The machine's id (distinct for every machine booted in this JVM). */
    long machineId();

    KernelVersion kernel();

    RuntimePm runtimePm();

    /** The bus as user space sees it (driver_override, binding). */
    PciBus pci();

    /** The PCI core functions drivers call. */
    PciCore pciCore();

    KernelLog log();

    Trace trace();

    FaultInjector faults();
}
