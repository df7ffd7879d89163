package org.pmlab.pci.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.sim.api.ModelEvents;

/**
 * The driver core for the PCI bus (drivers/base/dd.c with pci-driver.c's probe and remove): the
 * runtime PM references taken around probe and unbind, which a driver must balance.
 */
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
    int bind(PciDev dev, PciDriver driver) {
        if (!matches(driver, dev)) {
            return Errno.ENODEV.negative();
        }
        return lockedProbe(driver, dev);
    }

    /** {@code __driver_probe_device} and {@code local_pci_probe}; called with the device lock held. */
    int probe(PciDriver driver, PciDev dev) {
        if (!dev.registered) {
            return Errno.ENODEV.negative();
        }
        if (dev.driver != null) {
            return Errno.EBUSY.negative();
        }
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
        } else {
            rc = 0;
            post(ModelEvents.PCI_BIND, dev, driver.name());
        }

        host.rpm().requestIdle(dev.pm);
        if (parent != null) {
            host.rpm().put(parent);
        }
        return rc;
    }

    /** {@code __device_release_driver} and {@code pci_device_remove}; the caller holds the device lock. */
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
        post(ModelEvents.PCI_UNBIND, dev, driver.name());
    }

    private void post(String topic, PciDev dev, String driver) {
        host.post(topic, dev, ModelEvents.DRIVER, driver);
    }
}
