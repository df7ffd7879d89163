package org.pmlab.pci.internal;

import java.time.Duration;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.ModelEvents;

/**
 * D-state changes of drivers/pci/pci.c (6.1): {@code pci_set_power_state} with its native part
 * ({@code pci_set_low_power_state}, {@code pci_power_up}) and platform part, the state
 * refresh, and the runtime target state.
 */
@Kernel(file = "drivers/pci/pci.c")
final class PowerTransitions {

    private static final int EIO = Errno.EIO.negative();
    private static final int EINVAL = Errno.EINVAL.negative();

    /** {@code pci_dev_d3_sleep}: d3hot_delay (10 ms, {@code PCI_PM_D3HOT_WAIT}). */
    static final Duration D3HOT_DELAY = Duration.ofMillis(PciDev.D3HOT_DELAY_MS);
    /** {@code PCI_PM_D2_DELAY}: 200 us. */
    private static final Duration D2_DELAY = Duration.ofNanos(200_000);

    private final PciHost host;

    PowerTransitions(PciHost host) {
        this.host = host;
    }

    /** {@code pci_set_power_state}, with firmware swaps held off for the whole change. */
    @Kernel("pci_set_power_state")
    int setPowerState(PciDev dev, PowerState requested) {
        return host.platform().sequenceInt(() -> setPowerStateHeld(dev, requested));
    }

    private int setPowerStateHeld(PciDev dev, PowerState requested) {
        PowerState state = requested;
        if (state.value() > PowerState.D3COLD.value()) {
            state = PowerState.D3COLD;
        } else if (state.value() < PowerState.D0.value()) {
            state = PowerState.D0;
        } else if ((state == PowerState.D1 || state == PowerState.D2) && noD1D2(dev)) {
            return 0;
        }
        if (dev.currentState() == state) {
            return 0;
        }
        if (state == PowerState.D0) {
            return setFullPowerState(dev);
        }
        if (state == PowerState.D3COLD) {
            // D3cold is D3hot entered natively, then power removed by the platform
            int error = setLowPowerState(dev, PowerState.D3HOT);
            if (platformTransition(dev, PowerState.D3COLD) != 0) {
                return error;
            }
            if (dev.currentState() == PowerState.D3COLD) {
                // powering off a bridge powers off its hierarchy
                for (PciDev child : host.below(dev)) {
                    setCurrentState(child, PowerState.D3COLD);
                }
            }
            return 0;
        }
        int error = setLowPowerState(dev, state);
        if (platformTransition(dev, state) != 0) {
            return error;
        }
        return 0;
    }

    /** {@code pci_no_d1d2}: the device or its bridge is quirked to D0/D3 only (never, in the model). */
    @Kernel("pci_no_d1d2")
    private static boolean noD1D2(PciDev dev) {
        return false;
    }

    /** {@code pci_set_low_power_state}: the native PMCSR write for D1, D2 or D3hot. */
    @Kernel("pci_set_low_power_state")
    private int setLowPowerState(PciDev dev, PowerState state) {
        if (!dev.hasPmCap()) {
            return EIO;
        }
        PowerState cur = dev.currentState();
        if (cur.value() <= PowerState.D3COLD.value() && cur.deeperThan(state)) {
            return EINVAL; // "Invalid power transition"
        }
        if ((state == PowerState.D1 && !dev.spec.pm().d1()) || (state == PowerState.D2 && !dev.spec.pm().d2())) {
            return EIO;
        }
        if (cur == state) {
            return 0;
        }
        int pmcsr = dev.config.readPmcsr();
        if (pmcsr == 0xffff) {
            host.log(dev, "Unable to change power state from " + cur + " to " + state + ", device inaccessible");
            setCurrentState(dev, PowerState.D3COLD);
            return EIO;
        }
        dev.config.writePmcsr((pmcsr & ~ConfigRegisters.PMCSR_STATE_MASK) | state.value());
        if (state == PowerState.D3HOT) {
            host.clock().sleep(D3HOT_DELAY);
        } else if (state == PowerState.D2) {
            host.clock().sleep(D2_DELAY);
        }
        PowerState now = PowerState.ofValue(dev.config.readPmcsr() & ConfigRegisters.PMCSR_STATE_MASK);
        setCurrentState(dev, now);
        if (now != state) {
            host.log(dev, "Refused to change power state from " + now + " to " + state);
        }
        return 0;
    }

    /**
     * {@code pci_power_up}: platform first, then PMCSR to D0 with the delay. Returns 1 when the
     * function lost its configuration (NoSoftRst- out of D3hot) and BARs need restoring.
     */
    @Kernel("pci_power_up")
    int powerUp(PciDev dev) {
        return host.platform().sequenceInt(() -> powerUpHeld(dev));
    }

    private int powerUpHeld(PciDev dev) {
        // the result is ignored: a failing _PS0 comes after ACPI turned the power resources on
        host.platform().setState(dev, PowerState.D0);
        platformPowered(dev, PowerState.D0);
        if (!dev.hasPmCap()) {
            PowerState s = host.platform().getState(dev);
            setCurrentState(dev, s == PowerState.UNKNOWN ? PowerState.D0 : s);
            return EIO;
        }
        if (dev.disconnected) {
            setCurrentState(dev, PowerState.D3COLD); // pci_dev_is_disconnected: no message, no access
            return EIO;
        }
        int pmcsr = dev.config.readPmcsr();
        if (pmcsr == 0xffff) {
            host.log(dev, "Unable to change power state from " + dev.currentState() + " to D0, device inaccessible");
            setCurrentState(dev, PowerState.D3COLD);
            return EIO;
        }
        PowerState state = PowerState.ofValue(pmcsr & ConfigRegisters.PMCSR_STATE_MASK);
        boolean needRestore = (state == PowerState.D3HOT || dev.currentState().value() >= PowerState.D3HOT.value())
                && (pmcsr & ConfigRegisters.PMCSR_NO_SOFT_RESET) == 0;
        if (state != PowerState.D0) {
            dev.config.writePmcsr(0); // PowerState D0, PME_En cleared
            host.ledger().rising(dev); // the delay is spent at D0 power
            if (state == PowerState.D3HOT) {
                host.clock().sleep(D3HOT_DELAY);
            } else if (state == PowerState.D2) {
                host.clock().sleep(D2_DELAY);
            }
        }
        setCurrentState(dev, PowerState.D0);
        return needRestore ? 1 : 0;
    }

    /** {@code pci_set_full_power_state}. */
    @Kernel("pci_set_full_power_state")
    private int setFullPowerState(PciDev dev) {
        int ret = powerUpHeld(dev);
        if (ret < 0) {
            return dev.currentState() == PowerState.D0 ? 0 : ret;
        }
        PowerState now = PowerState.ofValue(dev.config.readPmcsr() & ConfigRegisters.PMCSR_STATE_MASK);
        setCurrentState(dev, now);
        if (now != PowerState.D0) {
            host.log(dev, "Refused to change power state from " + now + " to D0");
        } else if (ret > 0) {
            dev.config.restoreBars(); // D0 uninitialized: the core restores at least the BARs
        }
        return 0;
    }

    /** {@code pci_platform_power_transition}. */
    @Kernel("pci_platform_power_transition")
    private int platformTransition(PciDev dev, PowerState state) {
        int error = host.platform().setState(dev, state);
        if (error == 0) {
            platformPowered(dev, state);
            updateCurrentStateHeld(dev, state);
        } else if (!dev.hasPmCap()) {
            setCurrentState(dev, PowerState.D0);
        }
        return error;
    }

    /** Tracks physical power: the platform cut it (D3cold) or restored it. */
    private void platformPowered(PciDev dev, PowerState state) {
        boolean before = dev.platformPowerOff;
        if (state == PowerState.D3COLD || state == PowerState.D0) {
            // recorded D3cold is not yet no power: a shared resource another device holds stays on
            dev.platformPowerOff = !host.platform().supplies(dev);
        }
        if (before != dev.platformPowerOff) {
            powerChanged(dev);
        }
    }

    /** The platform switched the function's power behind the PCI core's back (a shared resource). */
    void mainPowerChanged(PciDev dev) {
        boolean off = !host.platform().supplies(dev);
        if (off != dev.platformPowerOff) {
            dev.platformPowerOff = off;
            powerChanged(dev);
        }
    }

    /** Main power came or went for a function, and so for everything below it: ledger change points. */
    void powerChanged(PciDev dev) {
        dev.config.powerChanged();
        host.ledger().changed(dev);
        if (dev.spec.isBridge()) {
            for (PciDev d : host.below(dev)) {
                d.config.powerChanged();
                host.ledger().changed(d);
            }
        }
    }

    /** {@code pci_update_current_state}. */
    @Kernel("pci_update_current_state")
    void updateCurrentState(PciDev dev, PowerState state) {
        host.platform().sequence(() -> {
            updateCurrentStateHeld(dev, state);
            return null;
        });
    }

    private void updateCurrentStateHeld(PciDev dev, PowerState state) {
        if (host.platform().getState(dev) == PowerState.D3COLD) {
            setCurrentState(dev, PowerState.D3COLD);
        } else if (dev.hasPmCap()) {
            int pmcsr = dev.config.readPmcsr();
            setCurrentState(dev, pmcsr == 0xffff ? PowerState.D3COLD
                    : PowerState.ofValue(pmcsr & ConfigRegisters.PMCSR_STATE_MASK));
        } else {
            setCurrentState(dev, state);
        }
    }

    /** The rule of {@code pci_target_state} that chose. */
    enum TargetRule { PLATFORM, PLATFORM_NO_STATE, ALREADY_D3COLD, NO_PM_CAP, PME, NO_WAKEUP }

    record Target(PowerState state, TargetRule rule) {
    }

    /** {@code pci_target_state}. */
    @Kernel("pci_target_state")
    PowerState targetState(PciDev dev, boolean wakeup) {
        return target(dev, wakeup).state();
    }

    /** {@code pci_target_state}, with the rule that chose. */
    Target target(PciDev dev, boolean wakeup) {
        if (host.platform().powerManageable(dev)) {
            PowerState s = host.platform().chooseState(dev);
            return switch (s) {
                case ERROR, UNKNOWN -> new Target(PowerState.D3HOT, TargetRule.PLATFORM_NO_STATE);
                case D1, D2 -> new Target(noD1D2(dev) ? PowerState.D3HOT : s, TargetRule.PLATFORM);
                default -> new Target(s, TargetRule.PLATFORM);
            };
        }
        if (dev.currentState() == PowerState.D3COLD) {
            return new Target(PowerState.D3COLD, TargetRule.ALREADY_D3COLD); // powered off by other means: let it slumber
        }
        if (!dev.hasPmCap()) {
            return new Target(PowerState.D0, TargetRule.NO_PM_CAP);
        }
        if (wakeup && !dev.spec.pm().pmeStates().isEmpty()) {
            for (PowerState s : new PowerState[] {PowerState.D3HOT, PowerState.D2, PowerState.D1}) {
                if (dev.pmeCapable(s)) {
                    return new Target(s, TargetRule.PME);
                }
            }
            if (dev.pmeCapable(PowerState.D0)) {
                return new Target(PowerState.D0, TargetRule.PME);
            }
        }
        return new Target(PowerState.D3HOT, TargetRule.NO_WAKEUP);
    }

    /** {@code pci_choose_state(dev, PMSG_SUSPEND)}: the target state without wake-up. */
    @Kernel("pci_choose_state")
    PowerState chooseSuspendState(PciDev dev) {
        return targetState(dev, false);
    }

    /**
     * {@code pci_dev_run_wake}: the function signals PME from the state it would suspend to,
     * and it, a bridge above it, or the host bridge can wake (the host bridge, which only an ACPI
     * PNP0A08 _PRW makes capable, never can here).
     */
    @Kernel("pci_dev_run_wake")
    boolean runWake(PciDev dev) {
        if (!dev.hasPmCap() || dev.spec.pm().pmeStates().isEmpty()) {
            return false;
        }
        if (!dev.pmeCapable(targetState(dev, true))) {
            return false;
        }
        for (PciDev d = dev; d != null; d = d.bridge) {
            if (d.canWakeup) {
                return true;
            }
        }
        return false;
    }

    /** {@code pci_finish_runtime_suspend}: choose the target and go there (one firmware throughout); errors are the caller's to ignore. */
    @Kernel("pci_finish_runtime_suspend")
    int finishRuntimeSuspend(PciDev dev) {
        return host.platform().sequenceInt(() -> finishRuntimeSuspendHeld(dev));
    }

    private int finishRuntimeSuspendHeld(PciDev dev) {
        PowerState target = targetState(dev, dev.wakeupCapable());
        if (target == PowerState.ERROR) {
            return EIO;
        }
        // __pci_enable_wake for runtime: PME_En when the device can signal PME from the target state
        boolean runWake = dev.pmeCapable(target);
        if (runWake) {
            dev.config.writePmcsr(dev.config.readPmcsr() | ConfigRegisters.PMCSR_PME_ENABLE);
        }
        int error = setPowerStateHeld(dev, target);
        if (error != 0 && runWake) {
            dev.config.writePmcsr(dev.config.readPmcsr() & ~ConfigRegisters.PMCSR_PME_ENABLE);
        }
        return error;
    }

    /**
     * {@code pci_enable_wake(dev, PCI_D0, false)}, as {@code pci_pm_default_resume} calls it: the
     * PME_En that {@link #finishRuntimeSuspend} set goes off again ({@code pci_pme_active(dev,
     * false)}), so a function that keeps its state across D3hot (NoSoftRst+) does not stay armed
     * once it is back in D0.
     */
    @Kernel("pci_pm_default_resume")
    void disableWake(PciDev dev) {
        int pmcsr = dev.config.readPmcsr();
        if (pmcsr != ConfigSpace.ALL_ONES_16 && (pmcsr & ConfigRegisters.PMCSR_PME_ENABLE) != 0) {
            dev.config.writePmcsr(pmcsr & ~ConfigRegisters.PMCSR_PME_ENABLE);
        }
    }

    /** The single place {@code current_state} changes, so every change is traced and posted. */
    void setCurrentState(PciDev dev, PowerState state) {
        PowerState prev = dev.currentState();
        dev.setCurrentState(state);
        host.ledger().changed(dev);
        if (prev != state) {
            if (host.trace().observed()) {
                host.trace().emit("pci_power_state", dev.name(), dev.name() + " " + prev + " -> " + state);
            }
            if (host.events().stateWatched()) {
                host.post(ModelEvents.PCI_POWER_STATE, dev, ModelEvents.STATE, state.label(), ModelEvents.PREVIOUS,
                        prev.label());
            }
        }
    }
}
