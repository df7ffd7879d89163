package org.pmlab.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.topology.api.FleetShape;
import org.pmlab.topology.api.TopologyGenerator;

/**
 * The {@code topology:} scope: fleet-class hosts to study without a script, written in the
 * topology format for {@code ./pmlab --topology FILE}.
 */
@Component(service = TopologyCommands.class, property = {"osgi.command.scope=topology",
    "osgi.command.function=generate"})
public final class TopologyCommands {

    private final TopologyGenerator generator;

    @Activate
    public TopologyCommands(@Reference TopologyGenerator generator) {
        this.generator = generator;
    }

    @Descriptor("write a generated fleet-class host: root ports above switches, slots of GPUs and SR-IOV NICs, "
            + "an ACPI power resource per slot, as many PCI domains as the buses need")
    public String generate(
            @Descriptor("the smallest host of this shape with at least this many functions (instead of --root-ports)")
            @Parameter(names = "--functions", absentValue = "0") long functions,
            @Descriptor("root ports in all") @Parameter(names = "--root-ports", absentValue = "0") int rootPorts,
            @Descriptor("levels of PCIe switches between a root port and its slots") @Parameter(names = "--switch-depth",
                    absentValue = "2") int switchDepth,
            @Descriptor("downstream ports of each switch") @Parameter(names = "--fanout", absentValue = "4") int fanout,
            @Descriptor("GPU functions per slot") @Parameter(names = "--endpoints", absentValue = "8") int endpoints,
            @Descriptor("SR-IOV NIC PFs per slot") @Parameter(names = "--pfs", absentValue = "1") int pfs,
            @Descriptor("VFs of each PF") @Parameter(names = "--vfs", absentValue = "32") int vfs,
            @Descriptor("the host's name") @Parameter(names = "--name", absentValue = "fleet") String name,
            @Descriptor("replace the file if it exists") @Parameter(names = "--force", presentValue = "true",
                    absentValue = "false") boolean force,
            @Descriptor("the JSON file to write") String fileText) throws IOException {
        if ((functions > 0) == (rootPorts > 0)) {
            throw new IllegalArgumentException("give the size as --functions N or as --root-ports N (one of the two)");
        }
        int vfsPerPf = pfs == 0 ? 0 : vfs;
        FleetShape shape = functions > 0
                ? FleetShape.withFunctions(name, functions, switchDepth, fanout, endpoints, pfs, vfsPerPf)
                : new FleetShape(name, rootPorts, switchDepth, fanout, endpoints, pfs, vfsPerPf);
        Path file = file(fileText, force);
        try (Progress progress = Progress.start("topology:generate", "functions", shape.functions())) {
            generator.write(shape, file, progress.forModel());
        }
        return "wrote " + fileText + ": " + describe(shape);
    }

    /** "1000084 functions: 654 PCI domains, 5879 root ports, 94064 slots of 8 GPUs and 1 NIC PF (3010048 VFs once enabled)". */
    static String describe(FleetShape s) {
        StringBuilder sb = new StringBuilder().append(s.functions()).append(" functions: ").append(s.domains())
                .append(s.domains() == 1 ? " PCI domain, " : " PCI domains, ").append(s.rootPorts())
                .append(s.rootPorts() == 1 ? " root port, " : " root ports, ").append(s.slots())
                .append(s.slots() == 1 ? " slot of " : " slots of ");
        if (s.endpoints() > 0) {
            sb.append(s.endpoints()).append(s.endpoints() == 1 ? " GPU" : " GPUs");
        }
        if (s.pfs() > 0) {
            sb.append(s.endpoints() > 0 ? " and " : "").append(s.pfs()).append(" NIC PF").append(s.pfs() == 1 ? "" : "s")
                    .append(" (").append(s.virtualFunctions()).append(" VFs once enabled)");
        }
        return sb.toString();
    }

    private static Path file(String text, boolean force) {
        Path file;
        try {
            file = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("bad file name '" + text + "'");
        }
        for (String root : new String[] {"/sys", "/proc", "/dev"}) {
            if (file.startsWith(root)) {
                throw new IllegalArgumentException("refusing to write " + text + ": pmlab never writes to the host's /sys, /proc or /dev");
            }
        }
        if (Files.exists(file) && !force) {
            throw new IllegalArgumentException(text + " exists; --force replaces it");
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new IllegalArgumentException("cannot write " + text + ": no directory " + file.getParent());
        }
        return file;
    }
}
