package org.pmlab.vfio.api;

/** The interrupt type a user enabled with {@code VFIO_DEVICE_SET_IRQS} ({@code vdev->irq_type}). */
public enum IrqType {
    NONE("none"), INTX("INTx"), MSI("MSI"), MSIX("MSI-X");

    private final String label;

    IrqType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
