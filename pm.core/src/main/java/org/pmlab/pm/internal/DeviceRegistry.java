package org.pmlab.pm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDevices;
import org.pmlab.pm.api.RuntimeStatus;

/** The devices of one machine, in registration order. */
public final class DeviceRegistry implements PmDevices {

    private final RpmContext ctx;
    private final RuntimePmService rpm;
    private final Map<String, RpmDevice> byName = new LinkedHashMap<>();

    public DeviceRegistry(RpmContext ctx, RuntimePmService rpm) {
        this.ctx = ctx;
        this.rpm = rpm;
    }

    @Override
    public synchronized RpmDevice add(String name, PmDevice parent, DevPmOps subsystemOps) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace) || name.contains("/")) {
            throw new IllegalArgumentException("bad device name '" + name + "': no spaces or slashes");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a device named '" + name + "' already exists");
        }
        RpmDevice p = null;
        if (parent != null) {
            p = RuntimePmService.cast(parent);
            if (p.ctx != ctx || byName.get(p.name) != p) {
                throw new IllegalArgumentException("parent " + parent.name() + " is not a device of this machine");
            }
        }
        RpmDevice dev = new RpmDevice(name, p, ctx, subsystemOps);
        byName.put(name, dev);
        if (p != null) {
            p.registeredChildren++;
        }
        return dev;
    }

    @Override
    public void setDriverOps(PmDevice dev, DevPmOps driverOps) {
        RuntimePmService.cast(dev).driverOps = driverOps;
    }

    /** {@code device_del}: runtime PM disabled without resuming, then {@code pm_runtime_reinit}. */
    @Override
    public void remove(PmDevice d) {
        RpmDevice dev = RuntimePmService.cast(d);
        synchronized (this) {
            if (byName.get(dev.name) != dev) {
                throw new IllegalArgumentException("device " + dev.name + " is not registered");
            }
            if (dev.registeredChildren > 0) { // counted, so removing many devices is not quadratic
                for (RpmDevice other : byName.values()) {
                    if (other.parent == dev) {
                        throw new IllegalArgumentException("device " + dev.name + " still has child " + other.name);
                    }
                }
            }
        }
        rpm.disable(dev, false);
        if (dev.status == RuntimeStatus.ACTIVE) {
            rpm.setSuspended(dev); // gives the parent its child count back
        }
        if (dev.irqSafe) {
            dev.irqSafe = false;
            if (dev.parent != null) {
                rpm.put(dev.parent);
            }
        }
        synchronized (this) {
            byName.remove(dev.name);
            if (dev.parent != null) {
                dev.parent.registeredChildren--;
            }
        }
        dev.removed = true;
    }

    @Override
    public synchronized Optional<PmDevice> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public synchronized RpmDevice get(String name) {
        RpmDevice d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no device named '" + name + "'");
        }
        return d;
    }

    /** How many devices are registered. */
    public synchronized int size() {
        return byName.size();
    }

    @Override
    public synchronized List<PmDevice> all() {
        return new ArrayList<>(byName.values());
    }
}
