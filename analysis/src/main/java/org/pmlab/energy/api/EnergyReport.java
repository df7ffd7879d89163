package org.pmlab.energy.api;

import java.util.List;

/** Energy of several functions over one window of virtual time ({@code fromNs}, {@code toNs}]. */
public record EnergyReport(long fromNs, long toNs, List<DeviceEnergy> devices) {
    public EnergyReport {
        devices = List.copyOf(devices);
    }

    public double joules() {
        return devices.stream().mapToDouble(DeviceEnergy::joules).sum();
    }

    /** Total joules over the window's length. */
    public double averageWatts() {
        long ns = toNs - fromNs;
        return ns == 0 ? 0 : joules() / (ns / 1e9);
    }

    public int transitions() {
        return devices.stream().mapToInt(d -> d.residency().transitions()).sum();
    }
}
