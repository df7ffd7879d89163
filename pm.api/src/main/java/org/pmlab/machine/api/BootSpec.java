package org.pmlab.machine.api;

import java.util.Objects;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.topology.api.Topology;

/**
 * What a machine boots with: the hardware (topology, including the platform's BIOS year), the
 * kernel and its command line, and the firmware model ({@code null}: none, native PCI PM).
 */
public record BootSpec(Topology topology, KernelVersion kernel, PciePortPm pciePortPm, String firmware) {
    public BootSpec {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(pciePortPm, "pciePortPm");
    }

    public BootSpec withKernel(KernelVersion k) {
        return new BootSpec(topology, k, pciePortPm, firmware);
    }

    public BootSpec withFirmware(String name) {
        return new BootSpec(topology, kernel, pciePortPm, name);
    }
}
