package org.pmlab.pci.internal;

import org.pmlab.annotation.Kernel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pm.api.DeviceLinkFlag;

/**
 * The final fixups of drivers/pci/quirks.c that tie a GPU's companion functions to it with a
 * device link ({@code pci_create_device_link}): HD audio ({@code quirk_gpu_hda}), USB
 * ({@code quirk_gpu_usb}) and USB Type-C UCSI ({@code quirk_gpu_usb_typec_ucsi}). Run from
 * {@code pci_bus_add_device} for each function being added, before bridge D3 is re-evaluated
 * and before a driver binds.
 */
@Kernel(value = {"quirk_gpu_hda", "quirk_gpu_usb", "quirk_gpu_usb_typec_ucsi"}, file = "drivers/pci/quirks.c")
final class GpuFunctionLinks {

    static final int VENDOR_ATI = 0x1002;
    static final int VENDOR_AMD = 0x1022;
    static final int VENDOR_NVIDIA = 0x10de;
    private static final int PCI_BASE_CLASS_DISPLAY = 0x03;

    /** One {@code DECLARE_PCI_FIXUP_CLASS_FINAL} group: vendors, the class (code >> 8), the function it links. */
    private record Quirk(String name, Set<Integer> vendors, int classCode16, int consumerFunction) {
    }

    private static final List<Quirk> QUIRKS = List.of(
            new Quirk("quirk_gpu_hda", Set.of(VENDOR_ATI, VENDOR_AMD, VENDOR_NVIDIA), 0x0403, 1),
            new Quirk("quirk_gpu_usb", Set.of(VENDOR_NVIDIA, VENDOR_ATI), 0x0c03, 2),
            new Quirk("quirk_gpu_usb_typec_ucsi", Set.of(VENDOR_NVIDIA, VENDOR_ATI), 0x0c80, 3));

    private final PciHost host;

    GpuFunctionLinks(PciHost host) {
        this.host = host;
    }

    /** {@code pci_fixup_device(pci_fixup_final, dev)} for these quirks. */
    void fixupFinal(PciDev dev) {
        for (Quirk q : QUIRKS) {
            if (q.vendors().contains(dev.spec.vendor()) && (dev.spec.classCode() >> 8) == q.classCode16()) {
                createDeviceLink(dev, q.consumerFunction());
            }
        }
    }

    /**
     * {@code pci_create_device_link(pdev, consumer, 0, PCI_BASE_CLASS_DISPLAY, 16)}: function
     * {@code consumer} of a slot depends on function 0 of the same slot if that is a display
     * controller; the consumer's runtime PM is allowed whether the link could be made or not.
     */
    @Kernel("pci_create_device_link")
    private void createDeviceLink(PciDev pdev, int consumerFunction) {
        Bdf b = pdev.bdf;
        if (b.function() != consumerFunction) {
            return;
        }
        PciDev supplier = host.find(new Bdf(b.domain(), b.bus(), b.device(), 0));
        if (supplier == null || (supplier.spec.classCode() >> 16) != PCI_BASE_CLASS_DISPLAY) {
            return;
        }
        try {
            host.registry().linkAdd(pdev.pm, supplier.pm, EnumSet.of(DeviceLinkFlag.STATELESS, DeviceLinkFlag.PM_RUNTIME))
                    .orElseThrow(IllegalArgumentException::new);
            host.log(pdev, "D0 power state depends on " + supplier.bdf);
        } catch (IllegalArgumentException e) {
            host.log(pdev, "Cannot enforce power dependency on " + supplier.bdf);
        }
        host.rpm().allow(pdev.pm);
    }
}
