package org.pmlab.view.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.TraceRecord;

/** Draws trace records of a machine as a timeline picture (SVG). */
@ProviderType
public interface Timelines {

    /**
     * Draws one lane per function in tree order (bridges above their children; with no
     * selection also the root buses and the firmware's power resources), coloured by power state
     * with the runtime status, markers for actions and power resource methods, over virtual time.
     *
     * @param records the machine's trace records, oldest first
     * @param fromNs start of the window in virtual nanoseconds, or null for the first record
     * @param toNs end of the window, or null for the machine's time now
     * @param only the functions to draw, or empty for all
     * @throws IllegalArgumentException when the window is empty or reversed
     */
    TimelinePicture draw(Machine machine, List<TraceRecord> records, Long fromNs, Long toNs, List<Bdf> only);
}
