package org.pmlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.pmlab.machine.internal.SimMachine;
import org.pmlab.topology.api.Topology;

/**
 * Heap per function of a settled fleet-class host, measured after GC: the heap in use once the host is booted,
 * every endpoint bound to vfio-pci and settled (the machine keeps its topology, which counts), less the heap in
 * use before, divided by the functions. Run in a JVM of its own: {@code HeapPerFunction FUNCTIONS}.
 */
public final class HeapPerFunction {
    private HeapPerFunction() {
    }

    public static void main(String[] args) {
        int functions = Integer.parseInt(args[0]);
        long before = usedAfterGc();
        Topology topology = Fleet.topology(functions);
        SimMachine machine = Fleet.boot(topology);
        Fleet.bindAll(machine, Fleet.endpoints(topology));
        machine.clock().settle();
        Fleet.checkAllSuspended(machine);
        topology = null;
        long after = usedAfterGc();
        long count = machine.pci().devices().size();
        System.out.printf("%d functions: %.0f bytes of heap per function%n", count, (after - before) / (double) count);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // a few collections: the used figure settles once nothing more can be freed
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
