package org.pmlab.vfio.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.machine.api.Machine;

/**
 * The vfio-pci module: its parameter and, for every machine it was loaded on, the user's view
 * of its devices.
 */
@ProviderType
public interface VfioService {
    /** Config Admin PID of the module parameters. */
    String PID = "vfio.pci.core";

    /** The Config Admin property (and module parameter) {@code disable_idle_d3}. */
    String DISABLE_IDLE_D3 = "disable_idle_d3";

    /**
     * The user's view of vfio-pci on a machine.
     *
     * @throws IllegalArgumentException when vfio-pci was not loaded on that machine
     */
    VfioUser user(Machine machine);

    /** The module parameter {@code disable_idle_d3} now; a device takes it when it is bound. */
    boolean disableIdleD3();
}
