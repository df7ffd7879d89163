package org.pmlab.sysfs.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;

/**
 * The attributes of {@code /sys/bus/pci/devices/<bdf>/} that pmlab models (drivers/pci/pci-sysfs.c,
 * iov.c; Linux 6.1), as a table: name, mode, visibility, show, store.
 */
@Kernel(file = "drivers/pci/pci-sysfs.c")
final class DeviceAttributes {
    private DeviceAttributes() {
    }

    static final List<Attribute<PciDevice>> ALL = List.of(
            Attribute.ro("class", Attribute.always(), (m, d) -> String.format("0x%06x\n", d.spec().classCode())),
            Attribute.ro("vendor", Attribute.always(), (m, d) -> String.format("0x%04x\n", d.spec().vendor())),
            Attribute.ro("device", Attribute.always(), (m, d) -> String.format("0x%04x\n", d.spec().device())),
            Attribute.ro("power_state", Attribute.always(), (m, d) -> d.currentState().label() + "\n"),
            Attribute.rw("d3cold_allowed", Attribute.always(), (m, d) -> (d.d3coldAllowed() ? 1 : 0) + "\n",
                    DeviceAttributes::storeD3coldAllowed),
            Attribute.rw("driver_override", Attribute.always(),
                    (m, d) -> d.driverOverride().orElse("(null)") + "\n", // sysfs_emit("%s\n", NULL) prints (null)
                    DeviceAttributes::storeDriverOverride),
            Attribute.ro("sriov_totalvfs", DeviceAttributes::isPf, (m, d) -> d.spec().sriov().totalVfs() + "\n"),
            Attribute.rw("sriov_numvfs", DeviceAttributes::isPf, (m, d) -> d.numVfs() + "\n",
                    DeviceAttributes::storeSriovNumVfs),
            Attribute.wo("reset", DeviceAttributes::resetSupported, DeviceAttributes::storeReset));

    static int count(String buf) {
        return buf.getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean isPf(PciDevice d) {
        return d.spec().sriov() != null && !d.isVirtfn();
    }

    /** Whether {@code reset} exists: {@code pci_init_reset_methods} found a method. */
    static boolean resetSupported(PciDevice d) {
        return d.resetSupported();
    }

    /** {@code d3cold_allowed_store}: kstrtoul(buf, 0); any failure is -EINVAL. */
    @Kernel("d3cold_allowed_store")
    private static int storeD3coldAllowed(Machine m, PciDevice d, String buf) {
        BigInteger v;
        try {
            v = KernelParse.kstrtoul(buf, 0);
        } catch (Err.Fail e) {
            return Errno.EINVAL.negative();
        }
        int r = m.pci().setD3coldAllowed(d.bdf(), v.signum() != 0);
        return r < 0 ? r : count(buf);
    }

    /**
     * {@code driver_set_override} (5.19+): too long is -EINVAL; the text ends at a NUL or the
     * first newline; empty (or a lone newline) clears the override.
     */
    @Kernel(value = "driver_set_override", file = "drivers/base/driver.c")
    private static int storeDriverOverride(Machine m, PciDevice d, String buf) {
        int len = count(buf);
        if (len >= 4096 - 1) {
            return Errno.EINVAL.negative();
        }
        String s = buf;
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        }
        int r = m.pci().setDriverOverride(d.bdf(), s.isEmpty() ? null : s);
        return r < 0 ? r : len;
    }

    /** {@code sriov_numvfs_store}: kstrtou16(buf, 0) errors as they are, above TotalVFs -ERANGE. */
    @Kernel(value = "sriov_numvfs_store", file = "drivers/pci/iov.c")
    private static int storeSriovNumVfs(Machine m, PciDevice d, String buf) {
        int n;
        try {
            n = KernelParse.kstrtou16(buf, 0);
        } catch (Err.Fail e) {
            return -e.errno;
        }
        if (n > d.spec().sriov().totalVfs()) {
            return Errno.ERANGE.negative();
        }
        int r = m.pci().setSriovNumVfs(d.bdf(), n);
        return r < 0 ? r : count(buf);
    }

    /** {@code reset_store}: only "1" (any base) resets; the reset's error is returned. */
    @Kernel("reset_store")
    private static int storeReset(Machine m, PciDevice d, String buf) {
        BigInteger v;
        try {
            v = KernelParse.kstrtoul(buf, 0);
        } catch (Err.Fail e) {
            return Errno.EINVAL.negative();
        }
        if (!v.equals(BigInteger.ONE)) {
            return Errno.EINVAL.negative();
        }
        int r = m.pci().reset(d.bdf());
        return r < 0 ? r : count(buf);
    }
}
