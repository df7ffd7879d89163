package org.pmlab.machine.internal;

import org.pmlab.sim.api.WorkProgress;

/** Where a boot says how far it is: one {@link WorkProgress} per step, each named for the user. */
@FunctionalInterface
public interface BootProgress {

    /** Nobody asks. */
    BootProgress NONE = what -> (done, total) -> { };

    /** @param what the step now under way ("adding functions") */
    WorkProgress step(String what);
}
