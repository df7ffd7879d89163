package org.pmlab.sysfs.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;

/**
 * Device links in sysfs (drivers/base/core.c, the {@code devlink} class): each link between two
 * PCI functions is {@code /sys/devices/virtual/devlink/NAME}, linked from
 * {@code /sys/class/devlink/NAME}, with {@code status}, {@code auto_remove_on},
 * {@code runtime_pm}, {@code sync_state_only} and the {@code supplier} and {@code consumer}
 * links ({@code devlink_add_symlinks}); the supplier's directory gets {@code consumer:pci:BDF}
 * and the consumer's {@code supplier:pci:BDF}. Links of devices without a directory here (bare
 * devices, host bridges) are not shown.
 */
final class DevlinkAttributes {
    private DevlinkAttributes() {
    }

    static final String VIRTUAL = DevicePaths.DEVICES + "/virtual/devlink";
    static final String CLASS = "/sys/class/devlink";

    static final List<Attribute<PmDeviceLink>> ALL = List.of(
            Attribute.ro("auto_remove_on", Attribute.always(), (m, l) -> l.autoRemoveOn() + "\n"),
            Attribute.ro("runtime_pm", Attribute.always(),
                    (m, l) -> (l.flags().contains(DeviceLinkFlag.PM_RUNTIME) ? 1 : 0) + "\n"),
            Attribute.ro("status", Attribute.always(), (m, l) -> l.status().word() + "\n"),
            Attribute.ro("sync_state_only", Attribute.always(),
                    (m, l) -> (l.flags().contains(DeviceLinkFlag.SYNC_STATE_ONLY) ? 1 : 0) + "\n"));

    /** Every live link between two PCI functions of the machine, in supplier order. */
    static List<PmDeviceLink> links(Machine m) {
        List<PmDeviceLink> out = new ArrayList<>();
        for (PciDevice d : m.pci().devices()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d.pm())) {
                if (pci(m, l.consumer()) != null) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** The PCI function a device of a link is, or null. */
    static PciDevice pci(Machine m, PmDevice d) {
        try {
            return m.pci().find(org.pmlab.hw.api.Bdf.parse(d.name())).filter(p -> p.pm() == d).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code /sys/devices/virtual/devlink/NAME}. */
    static Node.Dir linkDir(Machine m, PmDeviceLink l) {
        return Node.Dir.of(l.name(), () -> {
            List<Node> out = new ArrayList<>();
            for (Attribute<PmDeviceLink> a : ALL) {
                out.add(a.bind(m, l));
            }
            String dir = VIRTUAL + "/" + l.name();
            PciDevice s = pci(m, l.supplier());
            PciDevice c = pci(m, l.consumer());
            out.add(new Node.Link("consumer", SysPaths.relative(dir, DevicePaths.path(c))));
            out.add(new Node.Link("subsystem", SysPaths.relative(dir, CLASS)));
            out.add(new Node.Link("supplier", SysPaths.relative(dir, DevicePaths.path(s))));
            return out;
        });
    }

    /** The {@code supplier:pci:BDF} and {@code consumer:pci:BDF} entries of a function's directory. */
    static List<Node> deviceLinks(Machine m, PciDevice d) {
        List<Node> out = new ArrayList<>();
        String dir = DevicePaths.path(d);
        for (PmDeviceLink l : m.pmDevices().suppliers(d.pm())) {
            if (pci(m, l.supplier()) != null) {
                out.add(new Node.Link("supplier:pci:" + l.supplier().name(), SysPaths.relative(dir, VIRTUAL + "/" + l.name())));
            }
        }
        for (PmDeviceLink l : m.pmDevices().consumers(d.pm())) {
            if (pci(m, l.consumer()) != null) {
                out.add(new Node.Link("consumer:pci:" + l.consumer().name(), SysPaths.relative(dir, VIRTUAL + "/" + l.name())));
            }
        }
        return out;
    }
}
