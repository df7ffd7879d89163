package org.pmlab.machine.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The lab: the live machine the shell and sysfs act on, and fresh machines booted on demand
 * (for comparisons) with the registered drivers and firmware models.
 * <p>
 * Changes to the live machine (a boot after a kernel, parameter or hardware change, a driver
 * module coming or going, a firmware swap) are carried out one at a time, in the order they
 * were asked for, on the lab's own thread. {@link #live()} and {@link #await} wait for the work
 * asked for so far.
 */
@ProviderType
public interface Lab {
    /** Config Admin PID of the platform settings ({@code topology}, {@code bios_year}, {@code firmware.target}). */
    String PLATFORM_PID = "org.pmlab.platform";

    /**
     * The live machine, once the work asked for so far is done (waiting for a boot under way).
     * It is replaced when the kernel, a kernel parameter or the hardware changes.
     *
     * @throws IllegalStateException saying why there is none (the topology could not be loaded, ...)
     */
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
     * Waits until the work asked for so far is done and the live machine satisfies the
     * condition, up to the timeout (a bound on waiting for the lab, never a time inside the model).
     *
     * @return whether it did
     * @throws IllegalStateException when that work failed (a refused firmware swap, an
     *         unloadable topology): the message says why
     */
    boolean await(Predicate<Machine> condition, Duration timeout);

    /**
     * How far the lab's work under way is (a boot of the live machine: reading the topology, then
     * function by function), without waiting for it.
     *
     * @return empty when the lab is idle
     */
    Optional<LabProgress> progress();
}
