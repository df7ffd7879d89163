package org.pmlab.sim.api;

/**
 * A place where a fault can be injected, declared by the layer that owns it.
 *
 * @param name e.g. "runtime_resume", "pci_enable_device", "_OFF"
 * @param target what the target names: "device" (a device name or BDF) or "power-resource"
 */
public record FaultPoint(String name, String target, String description) {
}
