package org.pmlab.machine.internal;

/**
 * Everything the lab publishes, as one immutable record replaced only by the lab's thread: the
 * live machine and what it was booted from, why the last boot failed (every use reports it),
 * the settings last given, and the registered modules.
 *
 * @param live {@code null} before the first boot
 * @param bootFailure {@code null} unless the last boot failed
 * @param kernel {@code null} before the lab was configured
 */
record LabState(SimMachine live, BootKey key, String bootFailure, KernelSettings kernel, PlatformSettings platform,
        FirmwareSelection firmware, DriverModules drivers, TopologySources sources) {

    static final LabState EMPTY = new LabState(null, null, null, null, null, FirmwareSelection.NONE, DriverModules.NONE,
            TopologySources.NONE);

    LabState booted(SimMachine m, BootKey k) {
        return new LabState(m, k, null, kernel, platform, firmware, drivers, sources);
    }

    LabState failed(String why) {
        return new LabState(live, key, why, kernel, platform, firmware, drivers, sources);
    }

    LabState configured(KernelSettings k, PlatformSettings p) {
        return new LabState(live, key, bootFailure, k, p, firmware, drivers, sources);
    }

    LabState withFirmware(FirmwareSelection f) {
        return new LabState(live, key, bootFailure, kernel, platform, f, drivers, sources);
    }

    LabState withDrivers(DriverModules d) {
        return new LabState(live, key, bootFailure, kernel, platform, firmware, d, sources);
    }

    LabState withSources(TopologySources s) {
        return new LabState(live, key, bootFailure, kernel, platform, firmware, drivers, s);
    }

    LabState stopped() {
        return new LabState(null, null, null, kernel, platform, firmware, drivers, sources);
    }
}
