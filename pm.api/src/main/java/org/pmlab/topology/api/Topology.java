package org.pmlab.topology.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pmlab.hw.api.Bdf;

/**
 * A host's hardware: its platform facts, the ACPI power resources, and the PCI functions in
 * enumeration order (every bridge before the functions below it).
 */
public record Topology(String name, PlatformSpec platform, List<PowerResourceSpec> powerResources, List<DeviceSpec> devices) {
    public Topology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        powerResources = List.copyOf(powerResources);
        devices = List.copyOf(devices);
    }

    public Optional<DeviceSpec> device(Bdf bdf) {
        return devices.stream().filter(d -> d.bdf().equals(bdf)).findFirst();
    }

    public Topology withPlatform(PlatformSpec p) {
        return new Topology(name, p, powerResources, devices);
    }
}
