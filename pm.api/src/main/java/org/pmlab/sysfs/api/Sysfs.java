package org.pmlab.sysfs.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.machine.api.Machine;

/** The sysfs tree of a machine: of the lab's live machine, or of any machine (for tests and comparisons). */
@ProviderType
public interface Sysfs {
    /** The tree of the live machine; every call on it acts on whichever machine is live at that moment. */
    SysfsView live();

    /** The tree of one machine. */
    SysfsView of(Machine machine);
}
