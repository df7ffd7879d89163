package org.pmlab.sysfs.internal;

import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.sysfs.api.HostImport;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;
import org.pmlab.topology.api.TopologySource;

/** The host's own PCI topology, read from its /sys (read-only): {@code --topology host} and {@code pci:import-host}. */
@Component(service = {HostImport.class, TopologySource.class}, property = TopologySource.NAME + "=" + HostImportComponent.NAME)
public final class HostImportComponent implements HostImport, TopologySource {

    static final String NAME = "host";

    private final HostImporter importer;

    @Activate
    public HostImportComponent(@Reference TopologyCodec codec) {
        this.importer = new HostImporter(codec);
    }

    @Override
    public Result read(Path sysfsRoot) {
        return importer.read(sysfsRoot);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Topology load() {
        return importer.read(HOST_SYSFS).topology();
    }
}
