package org.pmlab.topology.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;

/**
 * The topology JSON format (docs/topology-format.md): text to records, then the checks across records.
 * Nothing is returned unless the whole document is valid. Stateless and safe to share between threads.
 */
@Component(service = TopologyCodec.class)
public class JsonTopologyCodec implements TopologyCodec {

    static final String DEFAULT_RESOURCE = "default-topology.json";

    private final TopologyReader reader = new TopologyReader();
    private final TopologyWriter writer = new TopologyWriter();

    @Override
    public Topology read(Path file) {
        String source = file.toString();
        return TopologyValidator.validate(reader.read(file, source), source);
    }

    @Override
    public Topology parse(String json, String source) {
        return TopologyValidator.validate(reader.read(json, source), source);
    }

    @Override
    public String write(Topology topology) {
        return writer.write(topology);
    }

    @Override
    public Topology defaultTopology() {
        try (InputStream in = JsonTopologyCodec.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its embedded " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
