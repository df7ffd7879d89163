package org.pmlab.scenario.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.KernelVersion;

/** {@code sim:advise}: the policy matrix for one device on a machine's hardware and firmware. */
@ProviderType
public interface Advisor {
    /**
     * @param kernels the kernel versions to try
     * @throws IllegalArgumentException for a device the machine lacks or one vfio-pci cannot take (a bridge)
     */
    Advice advise(Machine like, Bdf device, List<KernelVersion> kernels);
}
