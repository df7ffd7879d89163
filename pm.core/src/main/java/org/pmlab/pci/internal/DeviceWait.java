package org.pmlab.pci.internal;

import java.time.Duration;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PortType;
import org.pmlab.pm.api.Errno;

/**
 * Waiting for functions to answer config requests after a reset or a D3cold exit
 * (drivers/pci/pci.c as in 6.1 stable, which carries ac91e6980563 "PCI: Unify delay handling for
 * reset and resume", e8b908146d44 "PCI/PM: Increase wait time after resume" and the check for
 * disconnected functions): the poll doubles its delay, logs once it passed 1 s, and gives up
 * past the timeout.
 */
@Kernel(file = "drivers/pci/pci.c")
final class DeviceWait {

    /** {@code PCI_RESET_WAIT}: a function must answer within 1 s of a conventional reset. */
    static final int RESET_WAIT_MS = 1000;
    /** {@code PCIE_RESET_READY_POLL_MS}. */
    static final int READY_POLL_MS = 60000;

    private final PciHost host;

    DeviceWait(PciHost host) {
        this.host = host;
    }

    /** {@code pci_dev_wait}: 0 once the function answers, -ENOTTY when it never does (or is disconnected). */
    @Kernel("pci_dev_wait")
    int devWait(PciDev dev, String resetType, int timeoutMs) {
        int delay = 1;
        for (;;) {
            if (dev.disconnected) {
                return Errno.ENOTTY.negative(); // pci_dbg "disconnected; not waiting"
            }
            if (dev.config.answers()) {
                break;
            }
            if (delay > timeoutMs) {
                host.log(dev, "not ready " + (delay - 1) + "ms after " + resetType + "; giving up");
                return Errno.ENOTTY.negative();
            }
            if (delay > RESET_WAIT_MS) {
                host.log(dev, "not ready " + (delay - 1) + "ms after " + resetType + "; waiting");
            }
            host.ledger().rising(dev); // the rail is up: the wait is spent at D0 power
            host.clock().sleep(Duration.ofMillis(delay));
            delay *= 2;
        }
        if (delay > RESET_WAIT_MS) {
            host.log(dev, "ready " + (delay - 1) + "ms after " + resetType);
        }
        return 0;
    }

    /**
     * {@code pci_bridge_wait_for_secondary_bus}: after a D3cold exit or a bus reset, the largest
     * {@code d3cold_delay} of the bus, then the first function's poll (a downstream-facing port
     * of up to 5 GT/s; the model's ports have no faster link to train).
     */
    @Kernel("pci_bridge_wait_for_secondary_bus")
    int secondaryBus(PciDev bridge, String resetType) {
        if (bridge.disconnected || !bridge.spec.isBridge()) {
            return 0;
        }
        PciDev child = null;
        int delay = 0;
        for (PciDev d : bridge.subordinates) {
            if (d.registered) {
                child = child == null ? d : child;
                delay = PciDev.D3COLD_DELAY_MS; // pci_pm_init's default; no quirk changes it here
            }
        }
        if (child == null || delay == 0) {
            return 0;
        }
        PortType t = bridge.spec.portType();
        if (t != PortType.ROOT_PORT && t != PortType.DOWNSTREAM_PORT) {
            return 0; // pcie_downstream_port: an upstream port has no link below it to wait for
        }
        host.clock().sleep(Duration.ofMillis(delay)); // pci_dbg "waiting 100 ms for downstream link"
        return devWait(child, resetType, READY_POLL_MS - delay);
    }
}
