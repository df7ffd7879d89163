package org.pmlab.topology.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.testkit.Gen;

/**
 * Random valid topologies: a plan (root ports, switches up to two deep, multi-function and SR-IOV endpoints,
 * random capabilities, ACPI companions and labels) that is then laid out on bus numbers like firmware would.
 */
final class TopologyGen {

    private TopologyGen() {
    }

    record Ids(int vendor, int device, int classCode) {
    }

    /** pr0/pr3 hold indexes into the declared power resources, resolved when the topology is laid out. */
    record AcpiPlan(List<Boolean> flags, List<Integer> pr0, List<Integer> pr3, Integer s0w) {
    }

    record Traits(Ids ids, PmCapability pm, List<Boolean> flrWakeup, String driver, String label, AcpiPlan acpi) {
    }

    sealed interface Below permits Functions, Switch {
    }

    /** One device: functions 0..n-1; an SR-IOV capability is used only when the device has a single function. */
    record Functions(List<Traits> functions, SriovCapability sriov) implements Below {
    }

    record Switch(Traits upstream, List<PortPlan> downstream) implements Below {
    }

    record PortPlan(Traits traits, HotplugKind hotplug, boolean slot, Below below) {
    }

    record Plan(String name, PlatformSpec platform, List<Boolean> resourcesOn, int domain, Traits hostBridge,
            List<Traits> integrated, List<PortPlan> rootPorts) {
    }

    private static final Gen<Boolean> BOOL = Gen.bool();

    static Gen<Topology> topologies() {
        Gen<PlatformSpec> platform = Gen.combine(text().orNull(0.3), Gen.between(1990, 2100), PlatformSpec::new);
        Gen<List<Boolean>> resourcesOn = BOOL.list(0, 4);
        Gen<Integer> domain = Gen.between(0, 0xffff);
        Gen<Traits> hostBridge = traits().orNull(0.3);
        Gen<List<Traits>> integrated = traits().list(0, 3);
        Gen<List<PortPlan>> rootPorts = port(2).list(0, 6);
        return c -> new Layout(new Plan(text().draw(c), platform.draw(c), resourcesOn.draw(c), domain.draw(c),
                hostBridge.draw(c), integrated.draw(c), rootPorts.draw(c))).topology();
    }

    private static Gen<String> text() {
        return Gen.text(24);
    }

    private static Gen<Traits> traits() {
        Gen<Integer> u16 = Gen.between(0, 0xffff);
        Gen<Integer> u24 = Gen.between(0, 0xffffff);
        Gen<Ids> ids = c -> new Ids(u16.draw(c), u16.draw(c), u24.draw(c));
        Gen<Set<PowerState>> pmeStates = Gen.subsetOf(
                List.of(PowerState.D0, PowerState.D1, PowerState.D2, PowerState.D3HOT, PowerState.D3COLD));
        Gen<PmCapability> pm = ((Gen<PmCapability>) c -> new PmCapability(BOOL.draw(c), BOOL.draw(c), BOOL.draw(c),
                pmeStates.draw(c))).orNull(0.3);
        Gen<Integer> resource = Gen.between(0, 3);
        Gen<AcpiPlan> acpi = ((Gen<AcpiPlan>) c -> new AcpiPlan(BOOL.list(6).draw(c), resource.list(0, 3).draw(c),
                resource.list(0, 3).draw(c), Gen.between(0, 4).orNull(0.5).draw(c))).orNull(0.4);
        Gen<String> driver = Gen.of("vfio-pci", "nvme", "e1000e", "pcieport").orNull(0.6);
        return c -> new Traits(ids.draw(c), pm.draw(c), BOOL.list(2).draw(c), driver.draw(c), text().orNull(0.2).draw(c),
                acpi.draw(c));
    }

    private static Gen<PortPlan> port(int depth) {
        Gen<Below> below = below(depth).orNull(0.3);
        return c -> new PortPlan(traits().draw(c), Gen.of(HotplugKind.class).draw(c), BOOL.draw(c), below.draw(c));
    }

    private static Gen<Below> below(int depth) {
        Gen<Integer> small = Gen.between(1, 16);
        Gen<SriovCapability> sriov = c -> new SriovCapability(small.draw(c), small.draw(c), Gen.between(1, 8).draw(c),
                Gen.between(0, 0xffff).draw(c));
        Gen<Below> functions = c -> new Functions(traits().list(1, 8).draw(c), sriov.orNull(0.5).draw(c));
        if (depth == 0) {
            return functions;
        }
        Gen<Below> switches = c -> new Switch(traits().draw(c), port(depth - 1).list(1, 3).draw(c));
        return Gen.oneOf(functions, switches);
    }

    /** Turns a plan into devices in enumeration order, numbering buses depth first from 01. */
    private static final class Layout {
        private final Plan plan;
        private final List<PowerResourceSpec> resources = new ArrayList<>();
        private final List<DeviceSpec> devices = new ArrayList<>();
        private int nextBus = 1;

        Layout(Plan plan) {
            this.plan = plan;
            for (int i = 0; i < plan.resourcesOn().size(); i++) {
                resources.add(new PowerResourceSpec("PRS" + i, plan.resourcesOn().get(i)));
            }
        }

        Topology topology() {
            int domain = plan.domain();
            if (plan.hostBridge() != null) {
                add(new Bdf(domain, 0, 0, 0), null, PortType.HOST_BRIDGE, plan.hostBridge(), HotplugKind.NONE, false, null);
            }
            for (int i = 0; i < plan.rootPorts().size(); i++) {
                port(plan.rootPorts().get(i), PortType.ROOT_PORT, new Bdf(domain, 0, 1 + i, 0), null);
            }
            for (int i = 0; i < plan.integrated().size(); i++) {
                add(new Bdf(domain, 0, 0x10 + i, 0), null, PortType.ENDPOINT, plan.integrated().get(i), HotplugKind.NONE, false, null);
            }
            return new Topology(plan.name(), plan.platform(), resources, devices);
        }

        private void port(PortPlan port, PortType type, Bdf bdf, Bdf parent) {
            add(bdf, parent, type, port.traits(), port.hotplug(), port.slot(), null);
            if (port.below() != null) {
                below(port.below(), bdf, nextBus++);
            }
        }

        private void below(Below below, Bdf bridge, int bus) {
            int domain = bridge.domain();
            if (below instanceof Functions f) {
                SriovCapability sriov = f.functions().size() == 1 ? f.sriov() : null;
                for (int fn = 0; fn < f.functions().size(); fn++) {
                    add(new Bdf(domain, bus, 0, fn), bridge, PortType.ENDPOINT, f.functions().get(fn), HotplugKind.NONE, false, sriov);
                }
            } else if (below instanceof Switch s) {
                Bdf upstream = new Bdf(domain, bus, 0, 0);
                add(upstream, bridge, PortType.UPSTREAM_PORT, s.upstream(), HotplugKind.NONE, false, null);
                int internal = nextBus++;
                for (int i = 0; i < s.downstream().size(); i++) {
                    port(s.downstream().get(i), PortType.DOWNSTREAM_PORT, new Bdf(domain, internal, i, 0), upstream);
                }
            }
        }

        private void add(Bdf bdf, Bdf parent, PortType type, Traits t, HotplugKind hotplug, boolean slot, SriovCapability sriov) {
            devices.add(new DeviceSpec(bdf, parent, t.ids().classCode(), t.ids().vendor(), t.ids().device(), type, t.pm(), sriov,
                    hotplug, slot, t.flrWakeup().get(0), t.flrWakeup().get(1), acpi(t.acpi()), t.driver(), t.label()));
        }

        private AcpiDeviceSpec acpi(AcpiPlan a) {
            if (a == null) {
                return null;
            }
            List<Boolean> f = a.flags();
            // Paths must be unique; the running device count makes them so.
            return new AcpiDeviceSpec("\\_SB.D" + devices.size(), f.get(0), f.get(1), f.get(2), names(a.pr0()), names(a.pr3()),
                    a.s0w(), f.get(3), f.get(4), f.get(5));
        }

        private List<String> names(List<Integer> indexes) {
            List<String> names = new ArrayList<>();
            if (!resources.isEmpty()) {
                indexes.forEach(i -> names.add(resources.get(i % resources.size()).name()));
            }
            return names;
        }
    }
}
