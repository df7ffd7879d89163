package org.pmlab.firmware.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.pci.api.PciBus;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.Trace;
import org.pmlab.topology.api.Topology;

/**
 * What a firmware model sees of the machine it attaches to: the hardware description it builds
 * its objects from (the ACPI namespace of a real platform comes with the hardware too), the PCI
 * functions, the fault points it may declare, the trace, and the machine's model events.
 */
@ProviderType
public interface FirmwareContext {
    /** The machine's id (distinct for every machine booted in this JVM). */
    long machineId();

    Topology topology();

    PciBus pci();

    FaultInjector faults();

    Trace trace();

    /** Whether anybody listens to model events; when not, {@link #post} may be skipped. */
    boolean eventsWatched();

    /** Posts a model event (topics in {@code org.pmlab.sim.api.ModelEvents}). */
    void post(String topic, Map<String, Object> properties);

    /**
     * The platform switched main power of a function on or off (an ACPI power resource on its
     * {@code _PR0} list changed state): the PCI layer re-reads {@link PlatformPm#supplies} for it.
     * Called outside the firmware's own locks.
     */
    default void powerChanged(org.pmlab.hw.api.Bdf function) {
    }
}
