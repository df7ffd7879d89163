package org.pmlab.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pmlab.topology.api.FleetShape;

/**
 * The scale benchmarks' baseline: a plain array of small objects, one per function of the host under test, each
 * read and written once per walk. What any model of that many devices must at least pay to visit them.
 */
@State(Scope.Benchmark)
public class ObjectWalk {

    @Param({"100000", "1000000"})
    public int functions;

    private Node[] nodes;
    /** How many of the host's functions are endpoints. */
    int endpoints;

    @Setup(Level.Trial)
    public void allocate() {
        FleetShape shape = Fleet.shape(functions);
        nodes = new Node[Math.toIntExact(shape.functions())];
        endpoints = Math.toIntExact(shape.slots() * (shape.endpoints() + shape.pfs()));
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Node(i);
        }
    }

    long touchAll() {
        long sum = 0;
        for (Node n : nodes) {
            n.state ^= 1;
            sum += n.id + n.state;
        }
        return sum;
    }

    /** Touches the first {@code count} objects. */
    long touch(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            Node n = nodes[i];
            n.state ^= 1;
            sum += n.id + n.state;
        }
        return sum;
    }

    private static final class Node {
        final int id;
        int state;

        Node(int id) {
            this.id = id;
        }
    }
}
