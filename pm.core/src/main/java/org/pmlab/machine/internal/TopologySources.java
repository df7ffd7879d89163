package org.pmlab.machine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;
import org.pmlab.topology.api.TopologySource;

/** The named topology sources (such as "host") and how a topology setting is resolved. Immutable. */
record TopologySources(List<TopologySource> sources) {

    static final TopologySources NONE = new TopologySources(List.of());

    TopologySources {
        sources = List.copyOf(sources);
    }

    TopologySources with(TopologySource s) {
        List<TopologySource> next = new ArrayList<>(sources);
        next.add(s);
        return new TopologySources(next);
    }

    TopologySources without(TopologySource s) {
        List<TopologySource> next = new ArrayList<>(sources);
        next.remove(s);
        return new TopologySources(next);
    }

    boolean has(String name) {
        return sources.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * The topology a setting names: empty for the embedded default, a source's name, or a file.
     *
     * @throws IllegalArgumentException (a {@code TopologyException}) when it cannot be loaded
     */
    Topology load(String setting, TopologyCodec codec) {
        if (setting.isEmpty()) {
            return codec.defaultTopology();
        }
        for (TopologySource s : sources) {
            if (s.name().equals(setting)) {
                return s.load();
            }
        }
        return codec.read(Path.of(setting));
    }
}
