package org.pmlab.sysfs.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.pmlab.hw.api.Bdf;
import org.pmlab.pci.api.PciDevice;

/**
 * Where a PCI function lives under {@code /sys/devices}: below its root bus directory
 * {@code pciDDDD:BB}, nested in the directory of every bridge above it. A VF sits beside its PF
 * ({@code virtfn->dev.parent = pf->dev.parent}).
 */
final class DevicePaths {
    private DevicePaths() {
    }

    static final String DEVICES = "/sys/devices";
    static final String BUS_DEVICES = "/sys/bus/pci/devices";
    static final String DRIVERS = "/sys/bus/pci/drivers";

    /** The device that holds {@code d}'s directory, or empty when it is the root bus directory. */
    static Optional<PciDevice> parentDevice(PciDevice d) {
        if (d.isVirtfn() && d.physfn().isPresent()) {
            return d.physfn().get().upstreamBridge();
        }
        return d.upstreamBridge();
    }

    /** The name of the root bus directory above a function, e.g. {@code pci0000:00}. */
    static String rootBusName(PciDevice d) {
        PciDevice top = d;
        while (true) {
            Optional<PciDevice> up = top.isVirtfn() && top.physfn().isPresent() ? Optional.of(top.physfn().get())
                    : top.upstreamBridge();
            if (up.isEmpty()) {
                break;
            }
            top = up.get();
        }
        return rootBusName(top.bdf());
    }

    static String rootBusName(Bdf rootBusDevice) {
        return String.format("pci%04x:%02x", rootBusDevice.domain(), rootBusDevice.bus());
    }

    /** The canonical directory of a function, e.g. {@code /sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0}. */
    static String path(PciDevice d) {
        Deque<String> names = new ArrayDeque<>();
        names.push(d.bdf().toString());
        Optional<PciDevice> p = parentDevice(d);
        while (p.isPresent()) {
            names.push(p.get().bdf().toString());
            p = parentDevice(p.get());
        }
        return DEVICES + "/" + rootBusName(d) + "/" + String.join("/", names);
    }
}
