package org.pmlab.machine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.sim.api.KernelVersion;

/** The kernel the live machine boots: version and command line. Changing either reboots it. */
@ObjectClassDefinition(pid = KernelVersion.PID, name = "pmlab kernel",
        description = "The Linux version and kernel parameters of the simulated host; a change reboots it.")
@interface KernelSettings {

    @AttributeDefinition(description = "Kernel version: 5.18 (before the vfio runtime PM patch), 5.19, 6.0, 6.1 or 6.18")
    String version() default "6.18";

    /** The {@code pcie_port_pm=} kernel parameter. */
    @AttributeDefinition(name = "pcie_port_pm", description = "PCIe port runtime PM: off, force or default")
    String pcie__port__pm() default "default";
}
