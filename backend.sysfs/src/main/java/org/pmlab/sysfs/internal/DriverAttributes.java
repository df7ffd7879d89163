package org.pmlab.sysfs.internal;

import java.util.List;
import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * The write-only files of the driver core for the PCI bus (drivers/base/bus.c): a driver's
 * {@code bind} and {@code unbind}, and the bus's {@code drivers_probe}. Each names a device by
 * its sysfs name; a name that matches no device is -ENODEV.
 */
@Kernel(file = "drivers/base/bus.c")
final class DriverAttributes {
    private DriverAttributes() {
    }

    static final List<Attribute<String>> DRIVER = List.of(
            Attribute.wo("bind", Attribute.always(), DriverAttributes::bind),
            Attribute.wo("unbind", Attribute.always(), DriverAttributes::unbind));

    static final Attribute<Machine> DRIVERS_PROBE = Attribute.wo("drivers_probe", Attribute.always(),
            (m, ignored, buf) -> probe(m, buf));

    /** {@code bus_find_device_by_name}: the device whose name equals the text (sysfs_streq). */
    static Optional<PciDevice> byName(Machine m, String buf) {
        String name = buf.endsWith("\n") ? buf.substring(0, buf.length() - 1) : buf;
        Bdf bdf;
        try {
            bdf = Bdf.parse(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!bdf.toString().equals(name)) {
            return Optional.empty(); // device names are lower-case; the comparison is exact
        }
        return m.pci().find(bdf);
    }

    /** {@code bind_store}: a match is required; the attach's error is returned as it is. */
    @Kernel("bind_store")
    private static int bind(Machine m, String driver, String buf) {
        Optional<PciDevice> dev = byName(m, buf);
        if (dev.isEmpty()) {
            return Errno.ENODEV.negative();
        }
        int r = m.pci().bind(dev.get().bdf(), driver);
        return r < 0 ? r : DeviceAttributes.count(buf);
    }

    /** {@code unbind_store}: only a device bound to this very driver. */
    @Kernel("unbind_store")
    private static int unbind(Machine m, String driver, String buf) {
        Optional<PciDevice> dev = byName(m, buf);
        if (dev.isEmpty() || !dev.get().driver().filter(driver::equals).isPresent()) {
            return Errno.ENODEV.negative();
        }
        int r = m.pci().unbind(dev.get().bdf());
        return r < 0 ? r : DeviceAttributes.count(buf);
    }

    /** {@code drivers_probe_store}: attach if unbound; success even when no driver matched. */
    @Kernel("drivers_probe_store")
    private static int probe(Machine m, String buf) {
        Optional<PciDevice> dev = byName(m, buf);
        if (dev.isEmpty()) {
            return Errno.ENODEV.negative();
        }
        int r = m.pci().probe(dev.get().bdf());
        return r < 0 ? r : DeviceAttributes.count(buf);
    }
}
