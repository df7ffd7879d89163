package org.pmlab.sim.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told, now and then, how far long work of the model is (a settle of a big machine, its boot),
 * so a shell can show it. An exception thrown here stops the work between two of its steps, in
 * a consistent state (a settle leaves the rest queued): that is how Ctrl-C reaches the model.
 */
@ConsumerType
@FunctionalInterface
public interface WorkProgress {

    /** How often a settle reports, in work items. */
    int EVERY = 4096;

    /**
     * @param done steps done so far
     * @param total steps in all, as far as known now (a settle's queue grows as work queues more)
     */
    void progress(long done, long total);
}
