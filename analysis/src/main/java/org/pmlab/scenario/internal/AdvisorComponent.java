package org.pmlab.scenario.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.Residency;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pci.api.WhyLine;
import org.pmlab.scenario.api.Advice;
import org.pmlab.scenario.api.AdviceRow;
import org.pmlab.scenario.api.Advisor;
import org.pmlab.scenario.api.Knob;
import org.pmlab.scenario.api.Phase;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.vfio.api.VfioService;

/**
 * {@code sim:advise}: every combination of the user's knobs on a fresh machine booted from the
 * live machine's hardware and firmware; the device bound to vfio-pci, the knobs written as a user
 * would (sysfs after the bind, module and kernel parameters before), time run until idle; the
 * states, the idle power, the first open's latency and result, and the risks. Combinations with
 * the same outcome are merged into rows where a knob that does not matter covers all its values.
 */
@Component(service = Advisor.class)
public final class AdvisorComponent implements Advisor {

    /** The fault point a function that does not come back from D3cold has: a property of the hardware, so it is carried over. */
    static final String D3COLD_EXIT = "d3cold_exit";

    private final Lab lab;
    private final VfioService vfio;
    private final PowerModel power;

    @Activate
    public AdvisorComponent(@Reference Lab lab, @Reference VfioService vfio, @Reference PowerModel power) {
        this.lab = lab;
        this.vfio = vfio;
        this.power = power;
    }

    @Override
    public Advice advise(Machine like, Bdf device, List<KernelVersion> kernels) {
        PciDevice d = like.pci().find(device).orElseThrow(() -> new IllegalArgumentException("no PCI device " + device));
        if (d.isBridge() || d.spec().portType() == org.pmlab.hw.api.PortType.HOST_BRIDGE) {
            throw new IllegalArgumentException(device + " is a bridge: sim:advise takes an endpoint vfio-pci can bind");
        }
        if (d.isVirtfn()) {
            throw new IllegalArgumentException(device + " is a VF: its power follows its PF " + d.physfn().get().bdf());
        }
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("sim:advise needs at least one kernel version");
        }
        Bdf port = d.upstreamBridge().map(PciDevice::bdf).orElse(null);
        Map<Knob, List<String>> domains = new EnumMap<>(Knob.class);
        domains.put(Knob.DISABLE_IDLE_D3, List.of("0", "1"));
        domains.put(Knob.D3COLD_ALLOWED, List.of("1", "0"));
        domains.put(Knob.PORT_D3COLD_ALLOWED, port == null ? List.of("-") : List.of("1", "0"));
        domains.put(Knob.CONTROL, List.of("auto", "on"));
        domains.put(Knob.PORT_CONTROL, port == null ? List.of("-") : List.of("auto", "on"));
        domains.put(Knob.PCIE_PORT_PM, List.of("default", "off", "force"));
        domains.put(Knob.KERNEL, kernels.stream().map(KernelVersion::toString).toList());
        List<Knob> order = List.of(Knob.values());

        List<Fault> carried = like.faults().list().stream()
                .filter(f -> f.point().equals(D3COLD_EXIT) && f.target().equals(device.toString())).toList();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, List<List<String>>> byOutcome = new LinkedHashMap<>();
        for (List<String> tuple : Cover.product(order.stream().map(domains::get).toList())) {
            Outcome o = run(like, device, port, tuple, carried);
            String key = o.key();
            outcomes.putIfAbsent(key, o);
            byOutcome.computeIfAbsent(key, k -> new ArrayList<>()).add(tuple);
        }
        List<String> current = current(like, d, port);
        List<AdviceRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> e : byOutcome.entrySet()) {
            Outcome o = outcomes.get(e.getKey());
            for (List<List<String>> cube : Cover.cubes(e.getValue(), order.stream().map(domains::get).toList())) {
                Map<Knob, List<String>> knobs = new EnumMap<>(Knob.class);
                boolean isCurrent = true;
                for (int i = 0; i < order.size(); i++) {
                    knobs.put(order.get(i), cube.get(i));
                    isCurrent &= cube.get(i).contains(current.get(i));
                }
                rows.add(new AdviceRow(knobs, o.phase.device(), o.phase.bridges(), o.watts, o.resumeNs, o.resumeResult,
                        o.risks, isCurrent));
            }
        }
        rows.sort((a, b) -> {
            int c = Double.compare(a.idleWatts(), b.idleWatts());
            if (c != 0) {
                return c;
            }
            c = Long.compare(a.resumeNs(), b.resumeNs());
            return c != 0 ? c : Boolean.compare(b.current(), a.current());
        });
        return new Advice(device, port, Fresh.bridgesAbove(d), domains, rows);
    }

    /** The live machine's settings, in knob order. */
    private List<String> current(Machine like, PciDevice d, Bdf port) {
        List<String> out = new ArrayList<>();
        boolean disable;
        try {
            disable = vfio.user(like).info(d.bdf()).map(i -> i.disableIdleD3()).orElse(vfio.user(like).disableIdleD3());
        } catch (IllegalArgumentException e) {
            disable = vfio.disableIdleD3();
        }
        out.add(disable ? "1" : "0");
        out.add(d.d3coldAllowed() ? "1" : "0");
        PciDevice p = port == null ? null : like.pci().get(port);
        out.add(p == null ? "-" : p.d3coldAllowed() ? "1" : "0");
        out.add(d.pm().info().control());
        out.add(p == null ? "-" : p.pm().info().control());
        out.add(like.bootSpec().pciePortPm().word());
        out.add(like.kernel().toString());
        return out;
    }

    /** What one combination leads to. */
    private record Outcome(Phase phase, double watts, long resumeNs, int resumeResult, List<String> risks) {
        String key() {
            return phase.states() + "|" + Math.round(watts * 1e6) + "|" + resumeNs + "|" + resumeResult + "|" + risks;
        }
    }

    private Outcome run(Machine like, Bdf device, Bdf port, List<String> t, List<Fault> carried) {
        BootSpec base = like.bootSpec();
        PciePortPm portPm = PciePortPm.parse(t.get(5));
        KernelVersion k = KernelVersion.parse(t.get(6));
        Machine m = lab.boot(new BootSpec(base.topology(), k, portPm, base.firmware()));
        for (Fault f : carried) {
            m.faults().add(f);
        }
        Fresh x = new Fresh(m, vfio, device);
        x.user.setDisableIdleD3(t.get(0).equals("1"));
        List<String> risks = new ArrayList<>();
        // d3cold_allowed is kept across a bind, so a user writes it first; power/control after the
        // bind, since vfio-pci's register allows runtime PM (before the device had time to idle)
        writeD3coldAllowed(m, device, t.get(1).equals("1"));
        if (port != null) {
            writeD3coldAllowed(m, port, t.get(2).equals("1"));
        }
        int rc = x.bind();
        if (rc != 0) {
            risks.add("binding vfio-pci fails: " + Fresh.errno(rc));
        }
        writeControl(m, device, t.get(3));
        if (port != null) {
            writeControl(m, port, t.get(4));
        }
        m.clock().settle();
        Phase phase = x.phase("idle");
        double watts = 0;
        for (Residency r : m.pci().residency(x.measured(), m.clock().nanoTime())) {
            watts += power.of(m.pci().get(r.bdf())).watts(r.now());
        }
        PhysicalState devicePhysical = m.pci().residency(List.of(device), m.clock().nanoTime()).get(0).now();
        risks.addAll(risks(m, x, devicePhysical, portPm));
        long t0 = m.clock().nanoTime();
        int fd = x.user.open(device);
        long resume = m.clock().nanoTime() - t0;
        if (fd >= 0) {
            x.user.close(fd);
        } else {
            risks.add("the first open fails: " + Fresh.errno(fd));
        }
        return new Outcome(phase, watts, resume, fd < 0 ? fd : 0, risks);
    }

    private static void writeD3coldAllowed(Machine m, Bdf bdf, boolean allowed) {
        if (m.pci().get(bdf).d3coldAllowed() != allowed) {
            m.pci().setD3coldAllowed(bdf, allowed);
        }
    }

    /** {@code power/control}: "on" is {@code pm_runtime_forbid}, "auto" {@code pm_runtime_allow}. */
    private static void writeControl(Machine m, Bdf bdf, String control) {
        PciDevice d = m.pci().get(bdf);
        boolean auto = d.pm().info().runtimeAuto();
        if (control.equals("on") && auto) {
            m.runtimePm().forbid(d.pm());
        } else if (control.equals("auto") && !auto) {
            m.runtimePm().allow(d.pm());
        }
    }

    private List<String> risks(Machine m, Fresh x, PhysicalState devicePhysical, PciePortPm portPm) {
        List<String> risks = new ArrayList<>();
        PciDevice dev = m.pci().get(x.device);
        if (devicePhysical == PhysicalState.D3COLD && dev.spec().classCode() >> 16 == 0x03) {
            risks.add("GPU loses power in D3cold: some GPUs never come back from it");
        }
        for (WhyBlock b : m.pci().why(x.device)) {
            if (b.bdf().equals(x.device)) {
                continue;
            }
            for (WhyLine l : b.lines()) {
                if (l.function().equals("pci_bridge_d3_possible") && l.detail().endsWith("-> 0")
                        && l.detail().contains("hot-plug")) {
                    risks.add(b.bdf() + " held in D0 by a hot-plug rule (" + l.detail().replace(" -> 0", "") + ")");
                }
            }
        }
        if (portPm == PciePortPm.FORCE) {
            for (Bdf b : x.bridges) {
                PciDevice bridge = m.pci().get(b);
                if (bridge.spec().hotplug() == HotplugKind.NATIVE && bridge.currentState() != PowerState.D0) {
                    risks.add("pcie_port_pm=force puts hot-plug port " + b + " into " + bridge.currentState().label()
                            + " without the platform's blessing: hot-plug events may be missed");
                }
            }
        }
        return risks;
    }
}
