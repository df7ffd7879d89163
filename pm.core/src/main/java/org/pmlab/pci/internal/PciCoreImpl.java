package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciCore;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.SavedState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.ModelEvents;

/** The PCI core functions drivers call, for one machine. Fault point "pci_enable_device". */
@Kernel(file = "drivers/pci/pci.c")
final class PciCoreImpl implements PciCore {

    static final String FAULT_ENABLE = "pci_enable_device";

    private final PciHost host;

    PciCoreImpl(PciHost host) {
        this.host = host;
    }

    private PciDev dev(PciDevice d) {
        return host.own(d);
    }

    @Override
    public int setPowerState(PciDevice dev, PowerState state) {
        return host.power().setPowerState(dev(dev), state);
    }

    /** {@code pci_enable_device}: refresh the state, count, and on the first enable go to D0 and decode. */
    @Kernel("pci_enable_device")
    @Override
    public int enableDevice(PciDevice d) {
        PciDev dev = dev(d);
        host.power().updateCurrentState(dev, dev.currentState());
        if (dev.enableCntInc() > 1) {
            return 0;
        }
        if (dev.bridge != null && dev.bridge.enableCount() == 0) {
            enableDevice(dev.bridge); // pci_enable_bridge
            dev.bridge.config.writeCommand(dev.bridge.config.command() | ConfigRegisters.COMMAND_MASTER);
        }
        int err = host.power().setPowerState(dev, PowerState.D0);
        if (err < 0 && err != Errno.EIO.negative()) {
            dev.enableCntDec();
            host.ledger().changed(dev);
            return err;
        }
        int fault = host.faults().check(dev.name(), FAULT_ENABLE); // pcibios_enable_device failing
        if (fault != 0) {
            dev.enableCntDec();
            host.ledger().changed(dev);
            return fault;
        }
        int cmd = dev.config.command() | ConfigRegisters.COMMAND_MEMORY | ConfigRegisters.COMMAND_IO;
        dev.config.writeCommand(cmd & ~ConfigRegisters.COMMAND_INTX_DISABLE);
        host.ledger().changed(dev); // enabled: D0 now counts as in use
        changed(dev);
        return 0;
    }

    /** {@code pci_disable_device}: only the last disable stops bus mastering; the power state is untouched. */
    @Kernel("pci_disable_device")
    @Override
    public void disableDevice(PciDevice d) {
        PciDev dev = dev(d);
        if (dev.enableCount() <= 0) {
            host.log(dev, "disabling already-disabled device");
        }
        if (dev.enableCntDec() != 0) {
            return;
        }
        dev.config.writeCommand(dev.config.command() & ~ConfigRegisters.COMMAND_MASTER);
        host.ledger().changed(dev);
        changed(dev);
    }

    @Override
    public int saveState(PciDevice d) {
        PciDev dev = dev(d);
        dev.config.save();
        dev.stateSaved = true;
        return 0;
    }

    @Override
    public void restoreState(PciDevice d) {
        PciDev dev = dev(d);
        if (!dev.stateSaved) {
            return;
        }
        dev.config.restoreSaved();
        dev.stateSaved = false;
    }

    @Override
    public SavedState storeSavedState(PciDevice d) {
        PciDev dev = dev(d);
        return dev.stateSaved ? new Saved(dev.config.savedRegisters()) : null;
    }

    @Override
    public int loadSavedState(PciDevice d, SavedState state) {
        PciDev dev = dev(d);
        dev.stateSaved = false;
        if (state == null) {
            return 0;
        }
        if (!(state instanceof Saved s)) {
            throw new IllegalArgumentException("not a saved state of this model");
        }
        dev.config.loadSaved(s.registers);
        dev.stateSaved = true;
        return 0;
    }

    @Override
    public int tryResetFunction(PciDevice dev) {
        return host.resets().tryResetFunction(dev(dev));
    }

    @Override
    public int resetFunctionLocked(PciDevice dev) {
        return host.resets().functionResetLocked(dev(dev), true);
    }

    @Override
    public int probeResetSlot(PciDevice dev) {
        return host.resets().probeSlot(dev(dev));
    }

    @Override
    public int probeResetBus(PciDevice dev) {
        return host.resets().probeBus(dev(dev));
    }

    @Override
    public int resetBus(PciDevice dev) {
        return host.resets().resetBus(dev(dev));
    }

    @Override
    public void clearMaster(PciDevice d) {
        PciDev dev = dev(d);
        dev.config.writeCommand(dev.config.command() & ~ConfigRegisters.COMMAND_MASTER);
    }

    @Override
    public void writeCommand(PciDevice dev, int command) {
        dev(dev).config.writeCommand(command);
    }

    @Override
    public int readPmcsr(PciDevice dev) {
        return dev(dev).config.readPmcsr();
    }

    @Override
    public int enableSriov(PciDevice pf, int numVfs) {
        return host.sriov().enable(dev(pf), numVfs);
    }

    @Override
    public void disableSriov(PciDevice pf) {
        host.sriov().disable(dev(pf));
    }

    @Override
    public boolean deviceTrylock(PciDevice d) {
        PciDev dev = dev(d);
        if (dev.deviceLockHeld()) {
            return false; // a kernel mutex is not recursive
        }
        return dev.tryLockDevice();
    }

    @Override
    public void deviceLock(PciDevice dev) {
        dev(dev).lockDevice();
    }

    @Override
    public void deviceUnlock(PciDevice dev) {
        dev(dev).unlockDevice();
    }

    @Override
    public boolean bridgeD3Possible(PciDevice bridge) {
        return host.bridgeD3().possible(dev(bridge));
    }

    @Override
    public void d3coldEnable(PciDevice dev) {
        host.bridgeD3().d3coldEnable(dev(dev));
    }

    @Override
    public void d3coldDisable(PciDevice dev) {
        host.bridgeD3().d3coldDisable(dev(dev));
    }

    private void changed(PciDev dev) {
        host.post(ModelEvents.PCI_CHANGED, dev);
    }

    private record Saved(ConfigRegisters registers) implements SavedState {
    }
}
