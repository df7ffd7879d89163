package org.pmlab.topology.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pmlab.hw.api.Bdf;

/**
 * A host's hardware: its platform facts, the ACPI power resources, and the PCI functions in
 * enumeration order (every bridge before the functions below it).
 */
public record Topology(String name, PlatformSpec platform, List<PowerResourceSpec> powerResources, List<DeviceSpec> devices,
        List<DriverProfile> drivers) {
    public Topology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        powerResources = List.copyOf(powerResources);
        devices = List.copyOf(devices);
        drivers = List.copyOf(drivers);
    }

    /** A host that declares no driver profiles of its own. */
    public Topology(String name, PlatformSpec platform, List<PowerResourceSpec> powerResources, List<DeviceSpec> devices) {
        this(name, platform, powerResources, devices, List.of());
    }

    public Optional<DeviceSpec> device(Bdf bdf) {
        return devices.stream().filter(d -> d.bdf().equals(bdf)).findFirst();
    }

    public Topology withPlatform(PlatformSpec p) {
        return new Topology(name, p, powerResources, devices, drivers);
    }
}
