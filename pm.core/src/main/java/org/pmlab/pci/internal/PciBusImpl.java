package org.pmlab.pci.internal;

import java.util.List;
import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.Residency;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.sim.api.ModelEvents;

/** The PCI bus of one machine as sysfs writes reach it (drivers/pci/pci-sysfs.c, iov.c, drivers/base/bus.c). */
@Kernel(file = "drivers/pci/pci-sysfs.c")
final class PciBusImpl implements PciBus {

    private final PciHost host;

    PciBusImpl(PciHost host) {
        this.host = host;
    }

    @Override
    public List<PciDevice> devices() {
        return List.copyOf(host.devicesInOrder());
    }

    @Override
    public Optional<PciDevice> find(Bdf bdf) {
        return Optional.ofNullable(host.find(bdf));
    }

    @Override
    public PciDevice get(Bdf bdf) {
        PciDev d = host.find(bdf);
        if (d == null) {
            throw new IllegalArgumentException("no PCI device " + bdf);
        }
        return d;
    }

    @Override
    public List<String> drivers() {
        return host.binding().drivers().stream().map(PciDriver::name).toList();
    }

    @Override
    public void registerDriver(PciDriver driver) {
        host.binding().register(driver);
    }

    @Override
    public void unregisterDriver(String name) {
        host.binding().unregister(name);
    }

    @Override
    public int bind(Bdf bdf, String driverName) {
        PciDev dev = host.find(bdf);
        PciDriver driver = host.binding().driver(driverName);
        if (dev == null || driver == null) {
            return Errno.ENODEV.negative();
        }
        return host.binding().bind(dev, driver);
    }

    @Override
    public int unbind(Bdf bdf) {
        PciDev dev = host.find(bdf);
        if (dev == null || dev.driver == null) {
            return Errno.ENODEV.negative();
        }
        dev.lockDevice();
        try {
            host.binding().release(dev);
        } finally {
            dev.unlockDevice();
        }
        return 0;
    }

    @Override
    public int setDriverOverride(Bdf bdf, String driver) {
        PciDev dev = host.find(bdf);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        // driver_set_override: the value ends at the first newline; an empty value clears it
        String value = driver == null ? "" : driver;
        int nl = value.indexOf('\n');
        if (nl >= 0) {
            value = value.substring(0, nl);
        }
        if (value.length() >= 4095) {
            return Errno.EINVAL.negative();
        }
        dev.lockDevice();
        try {
            dev.driverOverride = value.isEmpty() ? null : value;
        } finally {
            dev.unlockDevice();
        }
        changed(dev);
        return 0;
    }

    @Override
    public int probe(Bdf bdf) {
        PciDev dev = host.find(bdf);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        host.binding().attach(dev);
        return 0;
    }

    /** {@code d3cold_allowed_store} (6.1): re-evaluate the bridges, then resume so the policy applies next time. */
    @Kernel("d3cold_allowed_store")
    @Override
    public int setD3coldAllowed(Bdf bdf, boolean allowed) {
        PciDev dev = host.find(bdf);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        dev.d3coldAllowed = allowed;
        host.bridgeD3().update(dev);
        host.rpm().resume(dev.pm);
        changed(dev);
        return 0;
    }

    /** {@code wakeup_store}: {@code device_set_wakeup_enable}; a bridge's cached bridge_d3 is not recomputed. */
    @Override
    public int setWakeup(Bdf bdf, boolean enabled) {
        PciDev dev = host.find(bdf);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        if (!dev.wakeupCapable()) {
            return Errno.EINVAL.negative();
        }
        host.wakeup().setEnable(dev, enabled);
        changed(dev);
        return 0;
    }

    /** {@code sriov_numvfs_store}. */
    @Kernel(value = "sriov_numvfs_store", file = "drivers/pci/iov.c")
    @Override
    public int setSriovNumVfs(Bdf bdf, int numVfs) {
        PciDev pf = host.find(bdf);
        if (pf == null) {
            return Errno.ENODEV.negative();
        }
        if (pf.spec.sriov() == null || pf.isVirtfn()) {
            return Errno.ENOENT.negative(); // the attribute does not exist
        }
        if (numVfs < 0 || numVfs > 0xffff) {
            return Errno.EINVAL.negative();
        }
        if (numVfs > pf.spec.sriov().totalVfs()) {
            return Errno.ERANGE.negative();
        }
        pf.lockDevice();
        try {
            if (numVfs == pf.numVfs()) {
                return 0;
            }
            PciDriver drv = pf.driver;
            if (drv == null) {
                host.log(pf, "no driver bound to device; cannot configure SR-IOV");
                return Errno.ENOENT.negative();
            }
            if (!drv.hasSriovConfigure()) {
                host.log(pf, "driver does not support SR-IOV configuration via sysfs");
                return Errno.ENOENT.negative();
            }
            if (numVfs == 0) {
                int r = drv.sriovConfigure(pf, 0);
                return r < 0 ? r : 0;
            }
            if (pf.numVfs() != 0) {
                host.log(pf, pf.numVfs() + " VFs already enabled. Disable before enabling " + numVfs + " VFs");
                return Errno.EBUSY.negative();
            }
            int r = drv.sriovConfigure(pf, numVfs);
            if (r < 0) {
                return r;
            }
            if (r != numVfs) {
                host.log(pf, numVfs + " VFs requested; only " + r + " enabled");
            }
            return 0;
        } finally {
            pf.unlockDevice();
        }
    }

    /** {@code reset_store}: get_sync, {@code pci_reset_function}, put. */
    @Kernel("reset_store")
    @Override
    public int reset(Bdf bdf) {
        PciDev dev = host.find(bdf);
        if (dev == null) {
            return Errno.ENODEV.negative();
        }
        if (!host.resets().supported(dev)) {
            return Errno.ENOTTY.negative();
        }
        host.rpm().getSync(dev.pm);
        int r = host.resets().resetFunction(dev);
        host.rpm().put(dev.pm);
        return r;
    }

    /** A user config read: {@code pci_config_pm_runtime_get}, the read, {@code pci_config_pm_runtime_put}. */
    @Override
    public ConfigRegisters readConfig(Bdf bdf) {
        PciDev dev = (PciDev) get(bdf);
        RpmDevice parent = dev.pm.parent().map(p -> (RpmDevice) p).orElse(null);
        if (parent != null) {
            host.rpm().getSync(parent);
        }
        host.rpm().getNoresume(dev.pm);
        host.rpm().barrier(dev.pm);
        if (dev.currentState() == PowerState.D3COLD) {
            host.rpm().resume(dev.pm); // a D3hot device still answers config cycles
        }
        ConfigRegisters regs = dev.config.snapshot();
        host.rpm().put(dev.pm);
        if (parent != null) {
            host.rpm().putSync(parent);
        }
        return regs;
    }

    @Override
    public List<Residency> residency(List<Bdf> bdfs, long fromNs) {
        List<PciDev> devs = new java.util.ArrayList<>(bdfs.size());
        for (Bdf b : bdfs) {
            devs.add((PciDev) get(b));
        }
        return host.ledger().residency(devs, fromNs);
    }

    @Override
    public List<WhyBlock> why(Bdf bdf) {
        return host.why().explain((PciDev) get(bdf));
    }

    @Override
    public long residencyHistoryStartNs() {
        return host.ledger().historyStartNs();
    }

    private void changed(PciDev dev) {
        host.post(ModelEvents.PCI_CHANGED, dev);
    }
}
