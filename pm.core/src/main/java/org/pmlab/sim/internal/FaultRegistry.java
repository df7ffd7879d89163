package org.pmlab.sim.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;
import org.pmlab.sim.api.Trace;

/** The armed faults of one machine. {@link #check} is on every transition path, so it is cheap when nothing is armed. */
public final class FaultRegistry implements FaultInjector {

    private record Declared(FaultPoint point, Predicate<String> validTarget) {
    }

    private final Trace trace;
    private final Map<String, Declared> points = new LinkedHashMap<>();
    private final List<Fault> armed = new ArrayList<>();
    private volatile boolean any;

    /** @param trace where a fault that fires is recorded (a pmlab trace event, {@code fault}) */
    public FaultRegistry(Trace trace) {
        this.trace = trace;
    }

    @Override
    public synchronized void declare(FaultPoint point, Predicate<String> validTarget) {
        points.put(point.name(), new Declared(point, validTarget));
    }

    @Override
    public synchronized void withdraw(String point) {
        points.remove(point);
        armed.removeIf(f -> f.point().equals(point));
        any = !armed.isEmpty();
    }

    @Override
    public synchronized List<FaultPoint> points() {
        return points.values().stream().map(Declared::point).toList();
    }

    @Override
    public synchronized void add(Fault fault) {
        Declared d = points.get(fault.point());
        if (d == null) {
            throw new IllegalArgumentException("unknown fault point '" + fault.point() + "'; known: "
                    + String.join(", ", points.keySet()));
        }
        if (!d.validTarget().test(fault.target())) {
            throw new IllegalArgumentException("fault point " + fault.point() + " has no " + d.point().target()
                    + " named '" + fault.target() + "'");
        }
        if (Errno.of(fault.errno()).isEmpty()) {
            throw new IllegalArgumentException("unknown errno " + fault.errno());
        }
        armed.add(fault);
        any = true;
    }

    @Override
    public synchronized List<Fault> list() {
        return List.copyOf(armed);
    }

    @Override
    public synchronized void clear() {
        armed.clear();
        any = false;
    }

    @Override
    public synchronized int clear(String target) {
        int before = armed.size();
        armed.removeIf(f -> f.target().equals(target));
        any = !armed.isEmpty();
        return before - armed.size();
    }

    /** Whether any fault is armed: a caller on a hot path asks this first (one volatile read). */
    public boolean armed() {
        return any;
    }

    @Override
    public int check(String target, String point) {
        if (!any) {
            return 0;
        }
        Fault fired = null;
        synchronized (this) {
            for (Iterator<Fault> it = armed.iterator(); it.hasNext();) {
                Fault f = it.next();
                if (f.point().equals(point) && f.target().equals(target)) {
                    if (f.once()) {
                        it.remove();
                        any = !armed.isEmpty();
                    }
                    fired = f;
                    break;
                }
            }
        }
        if (fired == null) {
            return 0;
        }
        if (trace.observed()) {
            trace.emit("fault", target, target + " " + point + " " + fired.errno());
        }
        return fired.errno();
    }
}
