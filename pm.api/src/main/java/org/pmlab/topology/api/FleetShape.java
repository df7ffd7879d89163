package org.pmlab.topology.api;

/**
 * The shape of a generated fleet-class host ({@link TopologyGenerator}): root ports, each above {@code switchDepth} levels of PCIe switches
 * with {@code fanout} downstream ports each; every leaf port leads to a slot holding {@code endpoints} plain
 * functions (GPUs) and {@code pfs} SR-IOV physical functions (NICs) with {@code vfs} VFs each. Each slot has its
 * own ACPI power resource. PCI domains are added as bus numbers run out.
 *
 * @param rootPorts root ports in the whole host (spread over as many PCI domains as needed)
 * @param switchDepth switch levels between a root port and its slots; 0 puts the slot right below the root port
 * @param fanout downstream ports of each switch (1-32)
 * @param endpoints plain endpoint functions per slot
 * @param pfs SR-IOV physical functions per slot, listed after the endpoints
 * @param vfs TotalVFs of each PF (0 only when there are no PFs)
 */
public record FleetShape(String name, int rootPorts, int switchDepth, int fanout, int endpoints, int pfs, int vfs) {

    /** Functions on bus 00 of a domain: the host bridge at 00.0, root ports from 01.0 to 1f.7. */
    public static final int MAX_ROOT_PORTS_PER_DOMAIN = 248;
    /** Bus numbers 01-ff below a domain's root bus. */
    public static final int BUSES_PER_DOMAIN = 255;
    /** ACPI names are four characters: the domain's host bridge is {@code P} and three hex digits. */
    public static final int MAX_DOMAINS = 0x1000;
    public static final int MAX_SWITCH_DEPTH = 6;

    public FleetShape(String name, int rootPorts, int switchDepth, int fanout, int endpoints, int pfs, int vfs) {
        this.name = name;
        this.rootPorts = rootPorts;
        this.switchDepth = switchDepth;
        this.fanout = fanout;
        this.endpoints = endpoints;
        this.pfs = pfs;
        this.vfs = vfs;
        // the fields are set first: the last two checks derive from them
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the topology needs a name");
        }
        if (rootPorts < 1) {
            throw new IllegalArgumentException("at least one root port is needed, got " + rootPorts);
        }
        if (switchDepth < 0 || switchDepth > MAX_SWITCH_DEPTH) {
            throw new IllegalArgumentException("switch depth must be 0-" + MAX_SWITCH_DEPTH + ", got " + switchDepth);
        }
        if (fanout < 1 || fanout > 32) {
            throw new IllegalArgumentException("a switch has 1-32 downstream ports (one device number each on its "
                    + "internal bus), got " + fanout);
        }
        if (endpoints < 0 || pfs < 0 || endpoints + pfs < 1 || endpoints + pfs > 256) {
            throw new IllegalArgumentException("a slot holds 1-256 functions (endpoints plus PFs), got " + endpoints
                    + " endpoints and " + pfs + " PFs");
        }
        if (pfs > 0 && (vfs < 1 || vfs > 0xffff)) {
            throw new IllegalArgumentException("each PF needs 1-65535 VFs, got " + vfs);
        }
        if (pfs == 0 && vfs != 0) {
            throw new IllegalArgumentException(vfs + " VFs per PF, but the slots hold no PFs");
        }
        if (busesPerRootPort() > BUSES_PER_DOMAIN) {
            throw new IllegalArgumentException("one root port's tree needs " + busesPerRootPort()
                    + " bus numbers, more than the " + BUSES_PER_DOMAIN + " of a PCI domain: use a smaller fanout, "
                    + "switch depth or number of VFs");
        }
        if (domains() > MAX_DOMAINS) {
            throw new IllegalArgumentException(rootPorts + " root ports of this shape need " + domains()
                    + " PCI domains; at most " + MAX_DOMAINS + " are generated");
        }
    }

    /** The smallest host of this shape (other than its root port count) with at least {@code functions} listed functions. */
    public static FleetShape withFunctions(String name, long functions, int switchDepth, int fanout, int endpoints, int pfs,
            int vfs) {
        FleetShape one = new FleetShape(name, 1, switchDepth, fanout, endpoints, pfs, vfs);
        long low = 1;
        long high = Math.max(1, functions / one.functionsPerRootPort() + 1);
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (one.withRootPorts(mid).functions() >= functions) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return one.withRootPorts(low);
    }

    private FleetShape withRootPorts(long count) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many functions for one host: " + count + " root ports");
        }
        return new FleetShape(name, (int) count, switchDepth, fanout, endpoints, pfs, vfs);
    }

    /** Bus numbers of one slot: its listed functions, then the VFs packed after them (they may spill over buses). */
    public int busesPerSlot() {
        long routingIds = endpoints + pfs + (long) pfs * vfs;
        return (int) Math.min(Integer.MAX_VALUE, (routingIds + 255) / 256);
    }

    /** Bus numbers below one root port. */
    public int busesPerRootPort() {
        long buses = busesPerSlot();
        for (int level = 0; level < switchDepth; level++) {
            buses = 2 + fanout * buses; // the bus with the upstream port, the switch's internal bus, the ports' trees
            if (buses > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) buses;
    }

    public int rootPortsPerDomain() {
        return Math.min(MAX_ROOT_PORTS_PER_DOMAIN, BUSES_PER_DOMAIN / busesPerRootPort());
    }

    public int domains() {
        return (rootPorts + rootPortsPerDomain() - 1) / rootPortsPerDomain();
    }

    /** Leaf ports, each leading to one slot, below one root port. */
    public long slotsPerRootPort() {
        long slots = 1;
        for (int level = 0; level < switchDepth; level++) {
            slots *= fanout;
        }
        return slots;
    }

    public long slots() {
        return rootPorts * slotsPerRootPort();
    }

    /** The upstream and downstream ports of the switches below one root port. */
    public long switchPortsPerRootPort() {
        long ports = 0;
        long switches = 1;
        for (int level = 0; level < switchDepth; level++) {
            ports += switches * (1 + fanout);
            switches *= fanout;
        }
        return ports;
    }

    /** The root port, its switches' ports and the functions of its slots. */
    public long functionsPerRootPort() {
        return 1 + switchPortsPerRootPort() + slotsPerRootPort() * (endpoints + pfs);
    }

    /** Functions listed in the topology: host bridges, ports, endpoints and PFs (not the VFs). */
    public long functions() {
        return domains() + rootPorts * functionsPerRootPort();
    }

    /** VFs of the whole host, once SR-IOV is enabled on every PF. */
    public long virtualFunctions() {
        return slots() * pfs * vfs;
    }
}
