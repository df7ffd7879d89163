package org.pmlab.topology.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.pmlab.sim.api.WorkProgress;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyGenerator;

/** Fleet-class hosts ({@link FleetLayout}), in memory or streamed to a file in the topology format. */
@Component(service = TopologyGenerator.class)
public final class FleetGenerator implements TopologyGenerator {

    private final TopologyWriter writer = new TopologyWriter();

    @Override
    public Topology generate(FleetShape shape) {
        return new FleetLayout(shape).generate();
    }

    @Override
    public void write(FleetShape shape, Path file, WorkProgress progress) throws IOException {
        FleetLayout layout = new FleetLayout(shape);
        // the power resources come first in the document: a pass that collects only them (one per slot)
        List<PowerResourceSpec> resources = new ArrayList<>();
        layout.forEach(d -> { }, resources::add);
        long total = shape.functions();
        long[] written = {0};
        boolean done = false;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(shape.name(), FleetLayout.platform(), resources, List.of(), devices -> layout.forEach(d -> {
                devices.accept(d);
                if (++written[0] % WorkProgress.EVERY == 0 && progress != null) {
                    progress.progress(written[0], total);
                }
            }, r -> { }), out);
            out.write('\n');
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }
}
