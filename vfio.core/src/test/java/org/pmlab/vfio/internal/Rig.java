package org.pmlab.vfio.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.internal.EventSink;
import org.pmlab.topology.api.Topology;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioUser;

/**
 * One booted machine with vfio-pci loaded as the lab does it (the provider creates the driver,
 * the machine registers it), and the user's view of it. No OSGi framework.
 */
final class Rig {
    private static final AtomicLong IDS = new AtomicLong(100);

    final SimMachine m;
    final VfioPciModule module;
    final VfioPciDriver drv;
    final VfioUser user;

    private Rig(SimMachine m, VfioPciModule module) {
        this.m = m;
        this.module = module;
        this.drv = (VfioPciDriver) module.create(m);
        m.loadDriver(drv);
        this.user = module.user(m);
    }

    static Rig boot(Topology t, KernelVersion k) {
        return boot(t, k, null, false);
    }

    static Rig boot(Topology t, KernelVersion k, PlatformFirmware fw, boolean disableIdleD3) {
        VfioPciModule module = new VfioPciModule();
        module.setDisableIdleD3(disableIdleD3);
        BootSpec spec = new BootSpec(t, k, PciePortPm.DEFAULT, fw == null ? null : fw.name());
        SimMachine m = SimMachine.boot(IDS.incrementAndGet(), spec, fw, EventSink.NONE, List.of());
        return new Rig(m, module);
    }

    /** The usual recipe: driver_override, then bind. Returns bind's result. */
    int bind(Bdf bdf) {
        int r = m.pci().setDriverOverride(bdf, VfioPciDriver.NAME);
        if (r != 0) {
            return r;
        }
        return m.pci().bind(bdf, VfioPciDriver.NAME);
    }

    /** Binds every device and settles; fails the test when a bind fails. */
    Rig bound(Bdf... bdfs) {
        for (Bdf b : bdfs) {
            int r = bind(b);
            if (r != 0) {
                throw new AssertionError("binding " + b + " to vfio-pci failed: " + r);
            }
        }
        settle();
        return this;
    }

    int settle() {
        return m.clock().settle();
    }

    PciDevice dev(Bdf bdf) {
        return m.pci().get(bdf);
    }

    PmInfo pm(Bdf bdf) {
        return dev(bdf).pm().info();
    }

    VfioDeviceInfo info(Bdf bdf) {
        return user.info(bdf).orElseThrow(() -> new AssertionError(bdf + " is not bound to vfio-pci"));
    }

    CoreDevice core(Bdf bdf) {
        return drv.core(bdf);
    }

    /** Opens and fails the test when the open fails. */
    int open(Bdf bdf) {
        int fd = user.open(bdf);
        if (fd < 0) {
            throw new AssertionError("open of " + bdf + " failed: " + fd);
        }
        return fd;
    }

    Ledger ledger() {
        return Ledger.of(m);
    }
}
