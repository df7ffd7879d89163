package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.testkit.Gen;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.internal.JsonTopologyCodec;

/**
 * One run of the tester: the machine (kernel version, firmware model, host, the vfio-pci
 * parameter at module load) and the operations, in order. Its text form is what a report prints
 * and what a regression test parses back ({@link #parse}).
 */
record Scenario(KernelVersion kernel, String firmware, boolean embedded, Topology topology, boolean disableIdleD3,
        List<Op> ops) {

    static final JsonTopologyCodec CODEC = new JsonTopologyCodec();
    /** The chance of one more operation: runs are 30 operations long on average. */
    static final double MORE = 29.0 / 30;
    static final Topology EMBEDDED = CODEC.defaultTopology();

    Scenario {
        ops = List.copyOf(ops);
    }

    static Gen<Scenario> scenarios(int maxOps) {
        return scenarios(maxOps, MORE);
    }

    /** Runs of at most {@code maxOps} operations, each one more with chance {@code more}. */
    static Gen<Scenario> scenarios(int maxOps, double more) {
        Gen<Op> op = c -> new Op(Op.kindAt((int) c.below(Op.totalWeight())), (int) c.below(64), (int) c.below(64),
                (int) c.below(64));
        // each op past the first is preceded by a "more" choice, so deleting choices deletes ops
        Gen<List<Op>> ops = c -> {
            List<Op> out = new ArrayList<>();
            out.add(op.draw(c));
            while (out.size() < maxOps && c.chance(more)) {
                out.add(op.draw(c));
            }
            return out;
        };
        return c -> {
            KernelVersion k = KernelVersion.MODELLED.get((int) c.below(KernelVersion.MODELLED.size()));
            // the patch's own kernel first: shrinking moves towards it
            k = k.equals(KernelVersion.V5_18) ? KernelVersion.V6_1 : k.equals(KernelVersion.V6_1) ? KernelVersion.V5_18 : k;
            String fw = Host.FIRMWARES.get((int) c.below(Host.FIRMWARES.size()));
            boolean generated = c.chance(0.5);
            Topology t = generated ? HostGen.draw(c) : EMBEDDED;
            boolean did3 = c.chance(0.15);
            return new Scenario(k, fw, !generated, t, did3, ops.draw(c));
        };
    }

    Scenario withOps(List<Op> next) {
        return new Scenario(kernel, firmware, embedded, topology, disableIdleD3, next);
    }

    /** The machine part, one line. */
    String machine() {
        return "kernel " + kernel + ", firmware " + firmware + ", disable_idle_d3 " + (disableIdleD3 ? 1 : 0) + ", "
                + (embedded ? "embedded host" : "generated host (" + topology.devices().size() + " functions)");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(machine()).append("\n  ops: ");
        List<String> parts = new ArrayList<>();
        for (Op o : ops) {
            parts.add(o.toString());
        }
        sb.append(String.join(" ", parts));
        if (!embedded) {
            sb.append("\n  host: ").append(CODEC.write(topology).replace("\n", "").replaceAll(" +", " "));
        }
        return sb.toString();
    }

    /**
     * Reads a scenario back: {@code kernel}, {@code firmware}, the vfio-pci parameter, the ops
     * as {@code KIND(a,b,c)} separated by spaces, and the host as JSON ({@code null}: embedded).
     */
    static Scenario parse(String kernel, String firmware, boolean disableIdleD3, String ops, String hostJson) {
        List<Op> list = new ArrayList<>();
        for (String o : ops.trim().split("\\s+")) {
            int open = o.indexOf('(');
            String[] args = o.substring(open + 1, o.length() - 1).split(",");
            list.add(new Op(Op.Kind.valueOf(o.substring(0, open)), Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                    Integer.parseInt(args[2])));
        }
        Topology t = hostJson == null ? EMBEDDED : CODEC.parse(hostJson, "regression case");
        return new Scenario(KernelVersion.parse(kernel), firmware, hostJson == null, t, disableIdleD3, list);
    }
}
