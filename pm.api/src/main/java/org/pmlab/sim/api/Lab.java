package org.pmlab.sim.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The lab: the live machine the shell and sysfs act on, and fresh machines booted on demand
 * (for comparisons) with the registered drivers and firmware models.
 */
@ProviderType
public interface Lab {
    /** Config Admin PID of the platform settings ({@code topology}, {@code bios_year}, {@code firmware.target}). */
    String PLATFORM_PID = "org.pmlab.platform";

    /** The live machine. It is replaced when the kernel, a kernel parameter or the hardware changes. */
    Machine live();

    /**
     * Boots a fresh machine, independent of the live one, with every registered PCI driver and
     * the named firmware.
     *
     * @throws IllegalArgumentException if the firmware is not registered
     */
    Machine boot(BootSpec spec);

    /** The registered firmware models, by name. */
    List<String> firmwareNames();

    /** The description a firmware model gives of itself. */
    String firmwareDescription(String name);

    /**
     * Waits until the live machine satisfies the condition (after a reboot or a firmware swap
     * requested through Config Admin), up to the timeout. Returns whether it did.
     */
    boolean await(Predicate<Machine> condition, Duration timeout);
}
