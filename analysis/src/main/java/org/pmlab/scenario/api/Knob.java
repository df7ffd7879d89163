package org.pmlab.scenario.api;

/** A setting a user controls that decides where an idle vfio-pci device and its bridges end up. */
public enum Knob {
    /** vfio-pci's module parameter. */
    DISABLE_IDLE_D3("disable_idle_d3"),
    /** The device's {@code d3cold_allowed}. */
    D3COLD_ALLOWED("d3cold_allowed"),
    /** The {@code d3cold_allowed} of the bridge directly above the device. */
    PORT_D3COLD_ALLOWED("port d3cold_allowed"),
    /** The device's {@code power/control}. */
    CONTROL("power/control"),
    /** The {@code power/control} of the bridge directly above the device. */
    PORT_CONTROL("port power/control"),
    /** The {@code pcie_port_pm=} kernel parameter. */
    PCIE_PORT_PM("pcie_port_pm"),
    /** The kernel version. */
    KERNEL("kernel");

    private final String label;

    Knob(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
