package org.pmlab.machine.internal;

import java.util.Map;
import java.util.Optional;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.internal.PlatformHooks;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.ModelEvents;

/**
 * The firmware of one machine and its live swap: devices the
 * old firmware left powered down are resumed through it, the new one is attached while no
 * platform hook runs, and every device is asked to idle so it settles again under the new one.
 * No usage count changes; every transition shows in the trace.
 */
final class FirmwareSlot implements FirmwareControl {

    private static final int ATTEMPTS = 3;

    private final SimMachine machine;
    private final PlatformHooks hooks;
    private volatile String name = FirmwareControl.NATIVE;

    FirmwareSlot(SimMachine machine, PlatformHooks hooks) {
        this.machine = machine;
        this.hooks = hooks;
    }

    /** At boot, before the PCI devices are added: nothing to bring back yet. */
    void attachAtBoot(PlatformFirmware fw) {
        if (fw != null) {
            hooks.install(fw.attach(machine));
            name = fw.name();
        }
    }

    @Override
    public String activeName() {
        return name;
    }

    @Override
    public Optional<PlatformPm> ops() {
        return Optional.ofNullable(hooks.ops());
    }

    @Override
    public synchronized int swap(PlatformFirmware next) {
        String from = name;
        String to = next == null ? FirmwareControl.NATIVE : next.name();
        machine.trace().emit("firmware_swap", "-", from + " -> " + to + " (begin)");
        int broughtBack = 0;
        for (int attempt = 1;; attempt++) {
            broughtBack += bringBack();
            hooks.swapLock().writeLock().lock();
            try {
                String stuck = poweredDownByPlatform();
                if (stuck == null) {
                    PlatformPm old = hooks.ops();
                    if (old != null) {
                        old.detach();
                    }
                    hooks.install(next == null ? null : next.attach(machine));
                    name = to;
                    break;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("firmware swap " + from + " -> " + to + " refused: " + stuck
                            + " stays powered down by " + from + " (its resume fails)");
                }
            } finally {
                hooks.swapLock().writeLock().unlock();
            }
        }
        for (PciDevice d : machine.pci().devices()) {
            machine.runtimePm().requestIdle(d.pm());
        }
        machine.trace().emit("firmware_swap", "-", from + " -> " + to + " (done, " + broughtBack + " devices resumed)");
        machine.post(ModelEvents.FIRMWARE_SWAP,
                Map.of(ModelEvents.MACHINE, machine.id(), ModelEvents.FROM, from, ModelEvents.TO, to));
        return broughtBack;
    }

    /** Resumes every runtime-suspended device not in D0, parents before children (address order). */
    private int bringBack() {
        int n = 0;
        for (PciDevice d : machine.pci().devices()) {
            if (d.pm().info().status() == RuntimeStatus.SUSPENDED && d.currentState() != PowerState.D0) {
                machine.runtimePm().resume(d.pm());
                n++;
            }
        }
        return n;
    }

    private String poweredDownByPlatform() {
        for (PciDevice d : machine.pci().devices()) {
            if (d.currentState() == PowerState.D3COLD) {
                return d.bdf().toString();
            }
        }
        return null;
    }
}
