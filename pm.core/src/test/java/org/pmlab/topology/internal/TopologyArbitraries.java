package org.pmlab.topology.internal;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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

/**
 * Random valid topologies: a plan (root ports, switches up to two deep, multi-function and SR-IOV endpoints,
 * random capabilities, ACPI companions and labels) that is then laid out on bus numbers like firmware would.
 */
final class TopologyArbitraries {

    private TopologyArbitraries() {
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

    static Arbitrary<Topology> topologies() {
        Arbitrary<PlatformSpec> platform = Combinators.combine(text().injectNull(0.3), Arbitraries.integers().between(1990, 2100))
                .as(PlatformSpec::new);
        return Combinators.combine(text(), platform, Arbitraries.of(true, false).list().ofMaxSize(4),
                        Arbitraries.integers().between(0, 0xffff), traits().injectNull(0.3), traits().list().ofMaxSize(3),
                        port(2).list().ofMaxSize(6))
                .as(Plan::new)
                .map(plan -> new Layout(plan).topology());
    }

    private static Arbitrary<String> text() {
        // Any BMP character except lone surrogates, which are not text.
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(24);
    }

    private static Arbitrary<Traits> traits() {
        Arbitrary<Ids> ids = Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 0xffffff)).as(Ids::new);
        Arbitrary<PmCapability> pm = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.subsetOf(PowerState.D0, PowerState.D1, PowerState.D2, PowerState.D3HOT, PowerState.D3COLD))
                .as(PmCapability::new)
                .injectNull(0.3);
        Arbitrary<Integer> resource = Arbitraries.integers().between(0, 3);
        Arbitrary<AcpiPlan> acpi = Combinators.combine(Arbitraries.of(true, false).list().ofSize(6), resource.list().ofMaxSize(3),
                resource.list().ofMaxSize(3), Arbitraries.integers().between(0, 4).injectNull(0.5)).as(AcpiPlan::new).injectNull(0.4);
        Arbitrary<String> driver = Arbitraries.of("vfio-pci", "nvme", "e1000e", "pcieport").injectNull(0.6);
        return Combinators.combine(ids, pm, Arbitraries.of(true, false).list().ofSize(2), driver, text().injectNull(0.2), acpi)
                .as(Traits::new);
    }

    private static Arbitrary<PortPlan> port(int depth) {
        return Combinators.combine(traits(), Arbitraries.of(HotplugKind.class), Arbitraries.of(true, false), below(depth).injectNull(0.3))
                .as(PortPlan::new);
    }

    private static Arbitrary<Below> below(int depth) {
        Arbitrary<SriovCapability> sriov = Combinators.combine(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 0xffff)).as(SriovCapability::new);
        Arbitrary<Below> functions = Combinators.combine(traits().list().ofMinSize(1).ofMaxSize(8), sriov.injectNull(0.5))
                .as(Functions::new);
        if (depth == 0) {
            return functions;
        }
        Arbitrary<Below> switches = Combinators.combine(traits(), port(depth - 1).list().ofMinSize(1).ofMaxSize(3)).as(Switch::new);
        return Arbitraries.oneOf(functions, switches);
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
