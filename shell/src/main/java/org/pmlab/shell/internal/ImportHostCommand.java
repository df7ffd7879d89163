package org.pmlab.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.sysfs.api.HostImport;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;

/**
 * {@code pci:import-host}: reads a real host's PCI topology from its sysfs (read-only), shows
 * what it found and what it had to guess, and can save it as a topology file.
 */
@Component(service = Object.class, property = {"osgi.command.scope=pci", "osgi.command.function=import_host",
    CommandCatalog.ALIAS + "=import-host=import_host"})
public final class ImportHostCommand {

    private final HostImport importer;
    private final TopologyCodec codec;

    @Activate
    public ImportHostCommand(@Reference HostImport importer, @Reference TopologyCodec codec) {
        this.importer = importer;
        this.codec = codec;
    }

    @Descriptor("read this host's PCI functions from sysfs (read-only) into a topology; --save writes it as JSON")
    @Example("pci:import-host")
    @Example("pci:import-host --save host.json")
    public String import_host(CommandSession session,
            @Parameter(names = {"--sysfs-root"}, absentValue = "/sys") @Descriptor("the directory standing for /sys")
            Args.HostPath root,
            @Parameter(names = {"--save"}, absentValue = Args.HostPath.ABSENT) @Descriptor("write the topology to this file (not in /sys, /proc or /dev)")
            Args.HostPath save) {
        Path sysfs = root.resolve(session);
        Path file = save.absent() ? null : HostFiles.writable(save.resolve(session), sysfs);
        HostImport.Result r = importer.read(sysfs);
        Topology t = r.topology();
        Table table = new Table("BDF", "PARENT", "TYPE", "CLASS", "ID", "PM", "DRIVER");
        for (DeviceSpec d : t.devices()) {
            table.row(d.bdf(), d.parent(), d.portType().word(), String.format("0x%06x", d.classCode()),
                    String.format("%04x:%04x", d.vendor(), d.device()), d.pm() == null ? "-" : pm(d), d.driver());
        }
        StringBuilder sb = new StringBuilder(table.toString());
        for (String n : r.notes()) {
            sb.append("\nnote: ").append(n);
        }
        if (file != null) {
            try {
                Files.writeString(file, codec.write(t));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + save + ": " + ErrorMessages.io(e));
            }
            sb.append("\nsaved ").append(t.devices().size()).append(" functions to ").append(file);
        }
        return sb.toString();
    }

    private static String pm(DeviceSpec d) {
        return (d.pm().d1() ? "D1 " : "") + (d.pm().d2() ? "D2 " : "") + (d.pm().noSoftReset() ? "NoSoftRst+" : "NoSoftRst-");
    }
}
