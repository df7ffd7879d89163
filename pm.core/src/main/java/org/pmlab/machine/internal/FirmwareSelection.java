package org.pmlab.machine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pmlab.firmware.api.PlatformFirmware;

/**
 * The firmware models the lab knows: every registered one (for fresh machines and fallback),
 * and the one the configuration's target filter selected for the live machine ({@code null}:
 * none, native PCI PM). Immutable.
 */
record FirmwareSelection(List<PlatformFirmware> registered, PlatformFirmware selected) {

    static final FirmwareSelection NONE = new FirmwareSelection(List.of(), null);

    FirmwareSelection {
        registered = List.copyOf(registered);
    }

    FirmwareSelection register(PlatformFirmware fw) {
        List<PlatformFirmware> next = new ArrayList<>(registered);
        next.add(fw);
        return new FirmwareSelection(next, selected);
    }

    FirmwareSelection unregister(PlatformFirmware fw) {
        List<PlatformFirmware> next = new ArrayList<>(registered);
        next.remove(fw);
        return new FirmwareSelection(next, selected);
    }

    FirmwareSelection select(PlatformFirmware fw) {
        return new FirmwareSelection(registered, fw);
    }

    /**
     * The selection once {@code gone} is no longer there: unchanged when it was not the selected
     * one (a greedy rebind already replaced it), else another registered model (the first by name),
     * else none.
     */
    FirmwareSelection without(PlatformFirmware gone) {
        if (selected != gone) {
            return this;
        }
        PlatformFirmware fallback = registered.stream().filter(f -> f != gone)
                .min(Comparator.comparing(PlatformFirmware::name)).orElse(null);
        return new FirmwareSelection(registered, fallback);
    }

    Optional<PlatformFirmware> byName(String name) {
        return registered.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    List<String> names() {
        return registered.stream().map(PlatformFirmware::name).sorted().toList();
    }
}
