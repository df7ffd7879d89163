package org.pmlab.sim.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The kernel log (dmesg) of one machine: warnings the model prints as the kernel would. */
@ProviderType
public interface KernelLog {
    void print(String text);

    /** Number of lines logged since boot; a mark for {@link #since(int)}. */
    int size();

    /** The lines logged after the given mark. */
    List<LogLine> since(int mark);

    default List<LogLine> lines() {
        return since(0);
    }
}
