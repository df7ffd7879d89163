package org.pmlab.machine.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.internal.PlatformHooks;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.ModelEvents;

/**
 * The firmware of one machine and its live swap: devices the old firmware left powered down are
 * resumed through it and every device is held by a reference, the new one is attached while no
 * platform hook sequence runs (see {@link PlatformHooks#sequence}), and the references are
 * dropped so every device settles again under the new one. No usage count changes in the end;
 * every transition shows in the trace.
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
            hooks.install(fw.attach(machine), fw.name());
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
        // Every device is held (a usage reference) from before the check until the new firmware
        // is attached, so the work queue cannot suspend one back into D3cold meanwhile.
        Set<PciDevice> held = new LinkedHashSet<>();
        int broughtBack = 0;
        try {
            for (int attempt = 1;; attempt++) {
                broughtBack += bringBack(held);
                hooks.swapLock().writeLock().lock();
                try {
                    String stuck = poweredDownByPlatform();
                    if (stuck == null) {
                        PlatformPm old = hooks.ops();
                        if (old != null) {
                            old.detach();
                        }
                        hooks.install(next == null ? null : next.attach(machine), to);
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
        } finally {
            // dropping the references lets each device idle again, now under the new firmware
            for (PciDevice d : held) {
                machine.runtimePm().put(d.pm());
            }
        }
        machine.trace().emit("firmware_swap", "-", from + " -> " + to + " (done, " + broughtBack + " devices resumed)");
        machine.post(ModelEvents.FIRMWARE_SWAP,
                Map.of(ModelEvents.MACHINE, machine.id(), ModelEvents.FROM, from, ModelEvents.TO, to));
        return broughtBack;
    }

    /**
     * Takes a reference on every device not held yet, resuming (pm_runtime_get_sync) those that
     * are runtime-suspended outside D0, parents before children (address order); a held device
     * still in D3cold (its resume failed before) is asked to resume again. Returns how many
     * devices it resumed.
     */
    private int bringBack(Set<PciDevice> held) {
        int n = 0;
        for (PciDevice d : machine.pci().devices()) {
            boolean down = d.currentState() != PowerState.D0;
            if (held.add(d)) {
                if (down && d.pm().info().status() == RuntimeStatus.SUSPENDED) {
                    machine.runtimePm().getSync(d.pm());
                    n++;
                } else {
                    machine.runtimePm().getNoresume(d.pm());
                }
            } else if (d.currentState() == PowerState.D3COLD) {
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
