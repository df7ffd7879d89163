package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;

/** A fault registry with the contract of {@link FaultInjector}, small enough to trust. */
final class FakeFaultInjector implements FaultInjector {
    private final Map<String, FaultPoint> points = new LinkedHashMap<>();
    private final Map<String, Predicate<String>> targets = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();

    @Override
    public synchronized void declare(FaultPoint point, Predicate<String> validTarget) {
        points.put(point.name(), point);
        targets.put(point.name(), validTarget);
    }

    @Override
    public synchronized void withdraw(String point) {
        points.remove(point);
        targets.remove(point);
        faults.removeIf(f -> f.point().equals(point));
    }

    @Override
    public synchronized List<FaultPoint> points() {
        return List.copyOf(points.values());
    }

    @Override
    public synchronized void add(Fault fault) {
        if (!points.containsKey(fault.point())) {
            throw new IllegalArgumentException("no fault point " + fault.point());
        }
        if (!targets.get(fault.point()).test(fault.target())) {
            throw new IllegalArgumentException("no target " + fault.target() + " for " + fault.point());
        }
        faults.add(fault);
    }

    @Override
    public synchronized List<Fault> list() {
        return List.copyOf(faults);
    }

    @Override
    public synchronized void clear() {
        faults.clear();
    }

    @Override
    public synchronized int clear(String target) {
        int before = faults.size();
        faults.removeIf(f -> f.target().equals(target));
        return before - faults.size();
    }

    @Override
    public synchronized int check(String target, String point) {
        for (Fault f : faults) {
            if (f.target().equals(target) && f.point().equals(point)) {
                if (f.once()) {
                    faults.remove(f);
                }
                return f.errno();
            }
        }
        return 0;
    }
}
