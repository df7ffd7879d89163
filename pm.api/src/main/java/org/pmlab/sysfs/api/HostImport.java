package org.pmlab.sysfs.api;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.topology.api.Topology;

/** Reads a real host's PCI topology from a sysfs tree, read-only. */
@ProviderType
public interface HostImport {
    /** The host's own sysfs. */
    Path HOST_SYSFS = Path.of("/sys");

    /**
     * Reads {@code sysfsRoot/bus/pci/devices} (and the files it links to) into a topology that
     * the codec accepts. Nothing under {@code sysfsRoot} is written.
     *
     * @param sysfsRoot the directory that stands for /sys
     * @throws org.pmlab.topology.api.TopologyException when the tree cannot be read or makes no valid topology
     */
    Result read(Path sysfsRoot);

    /**
     * @param notes one line per guess the import had to make (e.g. "0000:00:01.0: no PM capability known: ...")
     */
    record Result(Topology topology, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }
}
