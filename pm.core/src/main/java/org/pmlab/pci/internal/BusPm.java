package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.RpmCallback;

/**
 * The PCI bus's runtime callbacks ({@code pci_dev_pm_ops}, drivers/pci/pci-driver.c, 6.1): the
 * core's work around the driver's own callbacks. Fault points "runtime_suspend" and
 * "runtime_resume" fail where the driver's callback would run.
 */
@Kernel(file = "drivers/pci/pci-driver.c")
final class BusPm {

    static final String FAULT_SUSPEND = "runtime_suspend";
    static final String FAULT_RESUME = "runtime_resume";

    private final PciHost host;

    BusPm(PciHost host) {
        this.host = host;
    }

    /** {@code pci_dev_pm_ops}: one table for every function, as in the kernel; it finds the function from the device. */
    private final DevPmOps ops = new DevPmOps(d -> suspend(PciDev.of(d)), d -> resume(PciDev.of(d)), d -> idle(PciDev.of(d)));

    /** The ops table a PCI device's runtime PM reaches. */
    DevPmOps ops() {
        return ops;
    }

    /** {@code pci_pm_runtime_idle}. */
    @Kernel("pci_pm_runtime_idle")
    int idle(PciDev dev) {
        PciDriver drv = dev.driver;
        if (drv == null) {
            return 0; // unbound: the core suspends it, but it stays in D0
        }
        DevPmOps pm = drv.pm();
        if (pm == null) {
            return Errno.ENOSYS.negative(); // no dev_pm_ops: runtime PM never suspends a bound device
        }
        RpmCallback cb = pm.runtimeIdle();
        return cb == null ? 0 : cb.call(dev.pm);
    }

    /** {@code pci_pm_runtime_suspend}. */
    @Kernel("pci_pm_runtime_suspend")
    int suspend(PciDev dev) {
        int fault = host.faults().check(dev.name(), FAULT_SUSPEND);
        if (fault != 0) {
            host.log(dev, "can't suspend (injected fault returned " + fault + ")");
            return fault;
        }
        PciDriver drv = dev.driver;
        if (drv == null) {
            // left in D0, but config saved: the bridge above may still cut its power
            host.core().saveState(dev);
            return 0;
        }
        PowerState prev = dev.currentState();
        DevPmOps pm = drv.pm();
        RpmCallback cb = pm == null ? null : pm.runtimeSuspend();
        dev.stateSaved = false;
        if (cb != null) {
            int error = cb.call(dev.pm);
            if (error != 0) {
                if (error != Errno.EBUSY.negative() && error != Errno.EAGAIN.negative()) {
                    host.log(dev, "can't suspend (" + drv.name() + " runtime_suspend returned " + error + ")");
                }
                return error;
            }
        }
        if (cb != null && !dev.stateSaved && dev.currentState() != PowerState.D0
                && dev.currentState() != PowerState.UNKNOWN) {
            // the driver put the device into a low-power state itself
            if (dev.currentState() != prev) {
                host.log(dev, "PCI PM: State of device not saved by " + drv.name() + " runtime_suspend");
            }
            return 0;
        }
        if (!dev.stateSaved) {
            host.core().saveState(dev);
            host.power().finishRuntimeSuspend(dev); // its error is ignored, as in the kernel
        }
        return 0;
    }

    /** {@code pci_pm_runtime_resume}. */
    @Kernel("pci_pm_runtime_resume")
    int resume(PciDev dev) {
        PowerState prev = dev.currentState();
        // pci_pm_default_resume_early: power up and restore, bound or not (it may have lost power)
        host.platform().sequence(() -> {
            host.power().powerUp(dev);
            host.power().updateCurrentState(dev, PowerState.D0);
            return null;
        });
        host.core().restoreState(dev);

        int fault = host.faults().check(dev.name(), FAULT_RESUME);
        if (fault != 0) {
            host.log(dev, "runtime resume failed (injected fault returned " + fault + ")");
            return fault;
        }
        PciDriver drv = dev.driver;
        if (drv == null) {
            return 0;
        }
        host.power().disableWake(dev); // pci_pm_default_resume
        if (prev == PowerState.D3COLD) {
            bridgePowerUpActions(dev);
        }
        DevPmOps pm = drv.pm();
        RpmCallback cb = pm == null ? null : pm.runtimeResume();
        return cb == null ? 0 : cb.call(dev.pm);
    }

    /**
     * {@code pci_pm_bridge_power_up_actions}: after D3cold the devices below were re-powered
     * uninitialised; wait for the secondary bus, then ask each to resume. When the first function
     * never answers, everything below is marked disconnected instead (6.1.113+, c82458101d54).
     */
    @Kernel("pci_pm_bridge_power_up_actions")
    private void bridgePowerUpActions(PciDev bridge) {
        if (!bridge.spec.isBridge() || bridge.subordinates.length == 0) {
            return;
        }
        if (host.waits().secondaryBus(bridge, "resume") != 0) {
            for (PciDev d : host.below(bridge)) {
                d.setDisconnected(); // pci_walk_bus(..., pci_dev_set_disconnected)
                host.post(org.pmlab.sim.api.ModelEvents.PCI_CHANGED, d);
            }
            return;
        }
        for (PciDev d : host.below(bridge)) {
            host.rpm().requestResume(d.pm);
        }
    }
}
