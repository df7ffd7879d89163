package org.pmlab.topology.api;

import java.util.Objects;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.SriovCapability;

/**
 * One PCI function as the hardware presents it.
 *
 * @param parent the bridge above it, or {@code null} on the root bus
 * @param classCode the 24-bit class code, e.g. 0x030200 for a 3D controller
 * @param pm the PM capability, or {@code null} when the function has none
 * @param sriov the SR-IOV capability of a PF, or {@code null}
 * @param hotplug for a port: its hot-plug slot and who handles it
 * @param slot for a port: its secondary bus is a physical slot (slot reset possible)
 * @param flr supports Function Level Reset
 * @param wakeup {@code power/wakeup} is enabled at boot (only meaningful with PME support)
 * @param acpi the ACPI companion, or {@code null}
 * @param driver the driver bound at boot; {@code null}: the kernel's default (pcieport for ports, none otherwise)
 * @param label a human description shown by {@code pci:tree}
 * @param power the device's own power figures, or {@code null}: the power model's defaults for its class
 */
public record DeviceSpec(Bdf bdf, Bdf parent, int classCode, int vendor, int device, PortType portType, PmCapability pm,
        SriovCapability sriov, HotplugKind hotplug, boolean slot, boolean flr, boolean wakeup, AcpiDeviceSpec acpi,
        String driver, String label, PowerSpec power) {

    /** A device with the power model's defaults. */
    public DeviceSpec(Bdf bdf, Bdf parent, int classCode, int vendor, int device, PortType portType, PmCapability pm,
            SriovCapability sriov, HotplugKind hotplug, boolean slot, boolean flr, boolean wakeup, AcpiDeviceSpec acpi,
            String driver, String label) {
        this(bdf, parent, classCode, vendor, device, portType, pm, sriov, hotplug, slot, flr, wakeup, acpi, driver, label,
                null);
    }

    public DeviceSpec {
        Objects.requireNonNull(bdf, "bdf");
        Objects.requireNonNull(portType, "portType");
        Objects.requireNonNull(hotplug, "hotplug");
        if (classCode < 0 || classCode > 0xffffff) {
            throw new IllegalArgumentException("class code must be 24 bits: " + Integer.toHexString(classCode));
        }
        if (vendor < 0 || vendor > 0xffff || device < 0 || device > 0xffff) {
            throw new IllegalArgumentException("vendor and device IDs must be 16 bits");
        }
    }

    /** Has a secondary bus. */
    public boolean isBridge() {
        return portType.isPort();
    }

    public DeviceSpec withDriver(String d) {
        return new DeviceSpec(bdf, parent, classCode, vendor, device, portType, pm, sriov, hotplug, slot, flr, wakeup, acpi, d, label,
                power);
    }
}
