package org.pmlab.sim.api;

import java.util.List;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/** The fault injection registry of one machine. */
@ProviderType
public interface FaultInjector {
    /**
     * Declares a point; {@code validTarget} tells whether a target name exists.
     * Declaring a point again replaces it.
     */
    void declare(FaultPoint point, Predicate<String> validTarget);

    /** Withdraws a point and every fault armed at it (its owner went away). */
    void withdraw(String point);

    List<FaultPoint> points();

    /**
     * Arms a fault.
     *
     * @throws IllegalArgumentException naming the unknown point or target
     */
    void add(Fault fault);

    List<Fault> list();

    /** Disarms every fault. */
    void clear();

    /** Disarms the faults of one target; returns how many. */
    int clear(String target);

    /**
     * Called by the owning layer at the point: returns 0, or the armed errno (a once-fault is
     * consumed).
     */
    int check(String target, String point);
}
