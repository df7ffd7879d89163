package org.pmlab.pci.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pmlab.annotation.Kernel;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.sim.api.ModelEvents;

/**
 * The driver core for the PCI bus (drivers/base/dd.c with pci-driver.c's probe and remove): the
 * runtime PM references taken around probe and unbind, which a driver must balance.
 */
@Kernel(file = "drivers/base/dd.c")
final class Binding {

    private final PciHost host;
    private final List<PciDriver> drivers = new CopyOnWriteArrayList<>();

    Binding(PciHost host) {
        this.host = host;
    }

    List<PciDriver> drivers() {
        return drivers;
    }

    PciDriver driver(String name) {
        for (PciDriver d : drivers) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    void register(PciDriver driver) {
        if (driver(driver.name()) != null) {
            throw new IllegalArgumentException("a driver named " + driver.name() + " is already registered");
        }
        drivers.add(driver);
        for (PciDev dev : host.devicesInOrder()) {
            if (dev.driver == null && dev.registered && matches(driver, dev)) {
                lockedProbe(driver, dev);
            }
        }
    }

    void unregister(String name) {
        PciDriver driver = driver(name);
        if (driver == null) {
            return;
        }
        for (PciDev dev : host.devicesInOrder()) {
            if (dev.driver == driver) {
                dev.lockDevice();
                try {
                    release(dev);
                } finally {
                    dev.unlockDevice();
                }
            }
        }
        drivers.remove(driver);
    }

    /** {@code pci_bus_match}: driver_override decides alone when set; else the ID table. */
    @Kernel(value = "pci_bus_match", file = "drivers/pci/pci-driver.c")
    boolean matches(PciDriver driver, PciDev dev) {
        String override = dev.driverOverride;
        if (override != null) {
            return override.equals(driver.name());
        }
        return driver.matchesId(dev);
    }

    /** BUS_NOTIFY_ADD_DEVICE to every driver. */
    void notifyAdd(PciDev dev) {
        for (PciDriver d : drivers) {
            d.busNotifyAddDevice(dev);
        }
    }

    /** {@code device_attach}: the first matching driver, with the parent resumed around it. Returns 1 if bound. */
    @Kernel("device_attach")
    int attach(PciDev dev) {
        dev.lockDevice();
        try {
            if (dev.driver != null) {
                return 1;
            }
            RpmDevice parent = dev.pm.parent().map(p -> (RpmDevice) p).orElse(null);
            if (parent != null) {
                host.rpm().getSync(parent);
            }
            int bound = 0;
            for (PciDriver d : drivers) {
                if (matches(d, dev) && probe(d, dev) == 0) {
                    bound = 1;
                    break;
                }
            }
            host.rpm().requestIdle(dev.pm);
            if (parent != null) {
                host.rpm().put(parent);
            }
            return bound;
        } finally {
            dev.unlockDevice();
        }
    }

    private int lockedProbe(PciDriver driver, PciDev dev) {
        dev.lockDevice();
        try {
            return probe(driver, dev);
        } finally {
            dev.unlockDevice();
        }
    }

    /** {@code bind_store}. */
    @Kernel(value = "bind_store", file = "drivers/base/bus.c")
    int bind(PciDev dev, PciDriver driver) {
        if (!matches(driver, dev)) {
            return Errno.ENODEV.negative();
        }
        return lockedProbe(driver, dev);
    }

    /** {@code __driver_probe_device} and {@code local_pci_probe}; called with the device lock held. */
    @Kernel("__driver_probe_device")
    int probe(PciDriver driver, PciDev dev) {
        if (!dev.registered) {
            return Errno.ENODEV.negative();
        }
        if (dev.driver != null) {
            return Errno.EBUSY.negative();
        }
        host.rpm().getSuppliers(dev.pm);
        RpmDevice parent = dev.pm.parent().map(p -> (RpmDevice) p).orElse(null);
        if (parent != null) {
            host.rpm().getSync(parent);
        }
        host.rpm().barrier(dev.pm);

        // local_pci_probe: the driver starts with a reference it does not own
        host.rpm().getSync(dev.pm);
        dev.driver = driver;
        int rc = driver.probe(dev);
        if (rc < 0) {
            dev.driver = null;
            host.rpm().putSync(dev.pm);
            if (rc != Errno.ENODEV.negative() && rc != Errno.ENXIO.negative()) {
                host.log().print(driver.name() + ": probe of " + dev.bdf + " failed with error " + rc);
            }
            trace("pci_bind", dev, driver.name() + " probe failed " + rc);
        } else {
            rc = 0;
            trace("pci_bind", dev, driver.name());
            post(ModelEvents.PCI_BIND, dev, driver.name());
        }

        host.rpm().requestIdle(dev.pm);
        if (parent != null) {
            host.rpm().put(parent);
        }
        host.rpm().putSuppliers(dev.pm);
        return rc;
    }

    /** {@code __device_release_driver} and {@code pci_device_remove}; the caller holds the device lock. */
    @Kernel("__device_release_driver")
    void release(PciDev dev) {
        PciDriver driver = dev.driver;
        if (driver == null) {
            return;
        }
        host.rpm().getSync(dev.pm);
        host.rpm().putSync(dev.pm);

        // pci_device_remove
        host.rpm().getSync(dev.pm);
        host.rpm().barrier(dev.pm);
        driver.remove(dev);
        host.rpm().putNoidle(dev.pm);
        dev.driver = null;
        host.rpm().putSync(dev.pm); // undo local_pci_probe's reference
        trace("pci_unbind", dev, driver.name());
        post(ModelEvents.PCI_UNBIND, dev, driver.name());
    }

    /**
     * A pmlab trace event where the kernel sends a uevent ({@code KOBJ_BIND} from
     * {@code driver_bound}, {@code KOBJ_UNBIND} from {@code __device_release_driver}), so a
     * timeline can show when a driver came and went.
     */
    private void trace(String event, PciDev dev, String what) {
        if (host.trace().observed()) {
            host.trace().emit(event, dev.bdf.toString(), dev.bdf + " driver=" + what);
        }
    }

    private void post(String topic, PciDev dev, String driver) {
        host.post(topic, dev, ModelEvents.DRIVER, driver);
    }
}
