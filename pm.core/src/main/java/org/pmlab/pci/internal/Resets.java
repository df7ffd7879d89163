package org.pmlab.pci.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;

/**
 * Function, slot and bus resets (drivers/pci/pci.c) and what they do to power: the core moves
 * every affected device to D0 before saving and resetting it. Fault points "reset_function" and
 * "bus_reset" make a reset fail.
 */
@Kernel(file = "drivers/pci/pci.c")
final class Resets {

    static final String FAULT_FUNCTION = "reset_function";
    static final String FAULT_BUS = "bus_reset";

    private static final int ENOTTY = Errno.ENOTTY.negative();
    private static final int EAGAIN = Errno.EAGAIN.negative();
    private static final int EINVAL = Errno.EINVAL.negative();

    private final PciHost host;

    Resets(PciHost host) {
        this.host = host;
    }

    private enum Method { FLR, PM, SLOT, BUS }

    /** {@code pci_init_reset_methods}, evaluated now: the methods this function supports, in the kernel's order. */
    @Kernel("pci_init_reset_methods")
    private List<Method> methods(PciDev dev) {
        List<Method> m = new ArrayList<>();
        if (dev.spec.flr()) {
            m.add(Method.FLR);
        }
        if (dev.hasPmCap() && !dev.spec.pm().noSoftReset()) {
            m.add(Method.PM); // D3hot to D0 resets a NoSoftRst- function
        }
        boolean alone = dev.bridge != null && !dev.spec.isBridge() && host.onBus(dev.bridge).size() == 1;
        if (alone && slotResettable(dev)) {
            m.add(Method.SLOT);
        }
        if (alone) {
            m.add(Method.BUS);
        }
        return m;
    }

    /** The machine's fault points (a function's own checks reach them through its reset methods' host). */
    org.pmlab.sim.api.FaultInjector faults() {
        return host.faults();
    }

    /** {@code pci_reset_supported}. */
    @Kernel("pci_reset_supported")
    boolean supported(PciDev dev) {
        return !methods(dev).isEmpty();
    }

    private static boolean slotResettable(PciDev dev) {
        PciDev port = dev.bridge;
        return port != null && (port.spec.slot() || port.spec.hotplug() == HotplugKind.NATIVE);
    }

    /** {@code pci_try_reset_function}. */
    @Kernel("pci_try_reset_function")
    int tryResetFunction(PciDev dev) {
        int fault = host.faults().check(dev.name(), FAULT_FUNCTION);
        if (fault != 0) {
            return fault;
        }
        if (!supported(dev)) {
            return ENOTTY;
        }
        if (!host.core().deviceTrylock(dev)) {
            return EAGAIN;
        }
        try {
            saveAndDisable(dev);
            int rc = functionResetLocked(dev, false);
            host.core().restoreState(dev);
            trace(dev, "function reset", rc);
            return rc;
        } finally {
            host.core().deviceUnlock(dev);
        }
    }

    /**
     * {@code pci_reset_function} (6.1): with the device locked, {@code pci_dev_save_and_disable},
     * the reset, and {@code pci_dev_restore}, so the function keeps its configuration. The
     * caller checked {@link #supported}.
     */
    @Kernel("pci_reset_function")
    int resetFunction(PciDev dev) {
        dev.lockDevice();
        try {
            saveAndDisable(dev);
            int rc = functionResetLocked(dev, true);
            host.core().restoreState(dev);
            trace(dev, "function reset", rc);
            return rc;
        } finally {
            dev.unlockDevice();
        }
    }

    /** {@code __pci_reset_function_locked}: the first supported method decides. */
    @Kernel("__pci_reset_function_locked")
    int functionResetLocked(PciDev dev, boolean checkFault) {
        if (checkFault) {
            int fault = host.faults().check(dev.name(), FAULT_FUNCTION);
            if (fault != 0) {
                return fault;
            }
        }
        for (Method m : methods(dev)) {
            int rc = switch (m) {
                case FLR -> flr(dev);
                case PM -> pmReset(dev);
                case SLOT, BUS -> secondaryBusReset(dev.bridge);
            };
            if (rc != ENOTTY) {
                return rc;
            }
        }
        return ENOTTY;
    }

    private int flr(PciDev dev) {
        if (!pendingTransactionsCleared(dev)) {
            host.log(dev, "timed out waiting for pending transaction; performing function level reset anyway");
        }
        dev.config.functionReset();
        host.clock().sleep(Duration.ofMillis(100));
        return host.waits().devWait(dev, "FLR", DeviceWait.READY_POLL_MS);
    }

    /**
     * {@code pci_wait_for_pending_transaction}: Transaction Pending in Device Status, read four
     * times 0, 100, 200 and 400 ms apart. A function that does not answer reads all ones (the bit
     * set); a disconnected one is refused, which reads as 0.
     */
    @Kernel("pci_wait_for_pending_transaction")
    private boolean pendingTransactionsCleared(PciDev dev) {
        if (dev.disconnected || dev.config.answers()) {
            return true; // the model keeps no transactions in flight
        }
        for (int i = 1; i < 4; i++) {
            host.clock().sleep(Duration.ofMillis((1L << (i - 1)) * 100));
            if (dev.config.answers()) {
                return true;
            }
        }
        return false;
    }

    /** {@code pci_pm_reset}: D3hot and back, which only works from D0. */
    @Kernel("pci_pm_reset")
    private int pmReset(PciDev dev) {
        if ((dev.config.readPmcsr() & ConfigRegisters.PMCSR_NO_SOFT_RESET) != 0) {
            return ENOTTY; // all ones reads as NoSoftRst+ too: no PM reset for a function that does not answer
        }
        if (dev.currentState() != PowerState.D0) {
            return EINVAL;
        }
        int pmcsr = dev.config.readPmcsr() & ~ConfigRegisters.PMCSR_STATE_MASK;
        dev.config.writePmcsr(pmcsr | 3);
        host.clock().sleep(PowerTransitions.D3HOT_DELAY);
        dev.config.writePmcsr(pmcsr);
        host.clock().sleep(PowerTransitions.D3HOT_DELAY);
        return 0;
    }

    private int secondaryBusReset(PciDev bridge) {
        for (PciDev d : host.below(bridge)) {
            d.config.functionReset();
        }
        host.clock().sleep(Duration.ofMillis(2));
        host.clock().sleep(Duration.ofSeconds(1)); // Trhfa before config access
        // then the first function must answer (pci_bridge_wait_for_secondary_bus's poll; the model
        // keeps the 1 s delay of the kernels before ac91e6980563 in front of it)
        for (PciDev d : bridge.subordinates) {
            if (d.registered) {
                return host.waits().devWait(d, "bus reset", DeviceWait.READY_POLL_MS);
            }
        }
        return 0;
    }

    /** {@code pci_dev_save_and_disable}: D0 first (PM registers default to D0 after reset), save, INTx off. */
    @Kernel("pci_dev_save_and_disable")
    private void saveAndDisable(PciDev dev) {
        host.power().setPowerState(dev, PowerState.D0);
        host.core().saveState(dev);
        dev.config.writeCommand(ConfigRegisters.COMMAND_INTX_DISABLE);
    }

    /** {@code pci_probe_reset_slot}: 0 when the device's slot can be reset. */
    @Kernel("pci_probe_reset_slot")
    int probeSlot(PciDev dev) {
        return slotResettable(dev) ? 0 : ENOTTY;
    }

    /** {@code pci_probe_reset_bus}: 0 when the device's bus (or slot) can be reset. */
    @Kernel("pci_probe_reset_bus")
    int probeBus(PciDev dev) {
        return dev.bridge != null ? 0 : ENOTTY;
    }

    /** {@code pci_reset_bus}: every device on the slot or bus, each brought to D0, saved, reset, restored. */
    @Kernel("pci_reset_bus")
    int resetBus(PciDev dev) {
        if (probeBus(dev) != 0) {
            return ENOTTY;
        }
        int fault = host.faults().check(dev.name(), FAULT_BUS);
        if (fault != 0) {
            return fault;
        }
        List<PciDev> affected = host.below(dev.bridge);
        List<PciDev> locked = new ArrayList<>();
        try {
            for (PciDev d : affected) {
                if (!host.core().deviceTrylock(d)) {
                    return EAGAIN;
                }
                locked.add(d);
            }
            for (PciDev d : affected) {
                saveAndDisable(d);
            }
            secondaryBusReset(dev.bridge);
            for (PciDev d : affected) {
                host.core().restoreState(d);
            }
            trace(dev, "bus reset of " + dev.bridge.bdf + "'s secondary bus", 0);
            return 0;
        } finally {
            for (PciDev d : locked) {
                host.core().deviceUnlock(d);
            }
        }
    }

    /** A pmlab trace event (the kernel has no reset tracepoint): which reset ran and what it returned. */
    private void trace(PciDev dev, String what, int rc) {
        if (host.trace().observed()) {
            host.trace().emit("pci_reset", dev.bdf.toString(), dev.bdf + " " + what + ": " + rc);
        }
    }
}
