package org.pmlab.sysfs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;

/**
 * The sysfs tree of one machine, computed from the model on every lookup, so it never holds a
 * copy of the model's state:
 *
 * <pre>
 * /sys/devices/pciDDDD:BB/&lt;bdf&gt;[/&lt;bdf&gt;...]/   a function's directory, nested below its bridges
 * /sys/bus/pci/devices/&lt;bdf&gt;                   link to it, as in the kernel
 * /sys/bus/pci/drivers/&lt;name&gt;/{bind,unbind,&lt;bdf&gt;}
 * /sys/bus/pci/drivers_probe
 * /sys/devices/virtual/devlink/&lt;link&gt;         a device link between two functions
 * /sys/class/devlink/&lt;link&gt;                   link to it
 * </pre>
 */
final class Tree {

    private final Machine m;

    Tree(Machine m) {
        this.m = m;
    }

    Node.Dir root() {
        return Node.Dir.of("", () -> List.of(sys()));
    }

    private Node.Dir sys() {
        return Node.Dir.of("sys", () -> List.of(bus(), classes(), devices()));
    }

    private Node.Dir classes() {
        return Node.Dir.of("class", () -> List.of(Node.Dir.of("devlink", () -> DevlinkAttributes.links(m).stream()
                .map(l -> (Node) new Node.Link(l.name(), SysPaths.relative(DevlinkAttributes.CLASS,
                        DevlinkAttributes.VIRTUAL + "/" + l.name())))
                .toList())));
    }

    private Node.Dir bus() {
        return Node.Dir.of("bus", () -> List.of(busPci()));
    }

    private Node.Dir busPci() {
        return Node.Dir.of("pci", () -> List.of(busDevices(), drivers(), DriverAttributes.DRIVERS_PROBE.bind(m, m)));
    }

    private Node.Dir busDevices() {
        return new Node.Dir("devices", () -> m.pci().devices().stream().map(this::busLink).toList(),
                name -> device(name).map(this::busLink));
    }

    private Node busLink(PciDevice d) {
        return new Node.Link(d.bdf().toString(), SysPaths.relative(DevicePaths.BUS_DEVICES, DevicePaths.path(d)));
    }

    private Node.Dir drivers() {
        return Node.Dir.of("drivers", () -> m.pci().drivers().stream().filter(SysPaths::safeName)
                .map(this::driver).map(Node.class::cast).toList());
    }

    private Node.Dir driver(String name) {
        return Node.Dir.of(name, () -> {
            List<Node> out = new ArrayList<>();
            for (Attribute<String> a : DriverAttributes.DRIVER) {
                out.add(a.bind(m, name));
            }
            String dir = DevicePaths.DRIVERS + "/" + name;
            for (PciDevice d : m.pci().devices()) {
                if (d.driver().filter(name::equals).isPresent()) {
                    out.add(new Node.Link(d.bdf().toString(), SysPaths.relative(dir, DevicePaths.path(d))));
                }
            }
            return out;
        });
    }

    private Node.Dir devices() {
        return Node.Dir.of("devices", () -> {
            TreeSet<String> roots = new TreeSet<>();
            for (PciDevice d : m.pci().devices()) {
                roots.add(DevicePaths.rootBusName(d));
            }
            List<Node> out = new ArrayList<>(roots.stream().map(this::rootBus).map(Node.class::cast).toList());
            out.add(Node.Dir.of("virtual", () -> List.of(Node.Dir.of("devlink", () -> DevlinkAttributes.links(m).stream()
                    .map(l -> (Node) DevlinkAttributes.linkDir(m, l)).toList()))));
            return out;
        });
    }

    private Node.Dir rootBus(String name) {
        return new Node.Dir(name, () -> m.pci().devices().stream()
                .filter(d -> DevicePaths.parentDevice(d).isEmpty() && DevicePaths.rootBusName(d).equals(name))
                .map(this::deviceDir).map(Node.class::cast).toList(),
                child -> device(child).filter(d -> DevicePaths.parentDevice(d).isEmpty()
                        && DevicePaths.rootBusName(d).equals(name)).map(this::deviceDir));
    }

    /** The device a directory entry name stands for, if it is a BDF of this machine. */
    private Optional<PciDevice> device(String name) {
        try {
            Bdf bdf = Bdf.parse(name);
            return bdf.toString().equals(name) ? m.pci().find(bdf) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Node.Dir deviceDir(PciDevice d) {
        return new Node.Dir(d.bdf().toString(), () -> deviceEntries(d), name -> findInDevice(d, name));
    }

    private Optional<Node> findInDevice(PciDevice d, String name) {
        Optional<PciDevice> child = device(name);
        if (child.isPresent()) {
            return child.filter(c -> DevicePaths.parentDevice(c).filter(p -> p.bdf().equals(d.bdf())).isPresent())
                    .map(this::deviceDir);
        }
        return deviceEntries(d).stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private List<Node> deviceEntries(PciDevice d) {
        List<Node> out = new ArrayList<>();
        for (Attribute<PciDevice> a : DeviceAttributes.ALL) {
            if (a.visible().test(d)) {
                out.add(a.bind(m, d));
            }
        }
        out.add(Node.Dir.of("power", () -> powerEntries(d)));
        String dir = DevicePaths.path(d);
        d.driver().filter(SysPaths::safeName).ifPresent(name ->
                out.add(new Node.Link("driver", SysPaths.relative(dir, DevicePaths.DRIVERS + "/" + name))));
        out.add(new Node.Link("subsystem", SysPaths.relative(dir, "/sys/bus/pci")));
        out.addAll(DevlinkAttributes.deviceLinks(m, d));
        d.physfn().ifPresent(pf -> out.add(new Node.Link("physfn", SysPaths.relative(dir, DevicePaths.path(pf)))));
        if (DeviceAttributes.isPf(d) && d.numVfs() > 0) {
            int i = 0;
            for (PciDevice vf : m.pci().devices()) {
                if (vf.physfn().filter(pf -> pf.bdf().equals(d.bdf())).isPresent()) {
                    out.add(new Node.Link("virtfn" + i++, SysPaths.relative(dir, DevicePaths.path(vf))));
                }
            }
        }
        for (PciDevice c : d.subordinates()) { // VFs are on the bridge's bus beside their PF
            out.add(deviceDir(c));
        }
        return out;
    }

    private List<Node> powerEntries(PciDevice d) {
        List<Node> out = new ArrayList<>();
        for (Attribute<PciDevice> a : PowerAttributes.ALL) {
            if (a.visible().test(d)) {
                out.add(a.bind(m, d));
            }
        }
        return out;
    }
}
