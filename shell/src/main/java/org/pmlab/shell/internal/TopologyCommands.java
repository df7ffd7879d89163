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
import org.pmlab.topology.api.FleetShape;
import org.pmlab.topology.api.TopologyGenerator;

/**
 * The {@code topology:} scope: fleet-class hosts to study without a script, written in the
 * topology format for {@code ./pmlab --topology FILE}.
 */
@Component(service = TopologyCommands.class, property = {"osgi.command.scope=topology",
    CommandCatalog.SCOPE_DESCRIPTION + "=fleet-class hosts generated to study, written in the topology format",
    "osgi.command.function=generate"})
public final class TopologyCommands {

    private final TopologyGenerator generator;

    @Activate
    public TopologyCommands(@Reference TopologyGenerator generator) {
        this.generator = generator;
    }

    @Descriptor("write a generated fleet-class host: root ports above switches, slots of GPUs and SR-IOV NICs, "
            + "an ACPI power resource per slot, as many PCI domains as the buses need")
    @Example("topology:generate --functions 1000000 big.json")
    @Example("topology:generate --root-ports 2 --switch-depth 1 --fanout 2 --endpoints 2 --vfs 4 small.json")
    public String generate(CommandSession session,
            @Descriptor("the smallest host of this shape with at least this many functions (instead of --root-ports)")
            @Parameter(names = "--functions", absentValue = "0") Args.UInt functions,
            @Descriptor("root ports in all") @Parameter(names = "--root-ports", absentValue = "0") Args.Int rootPorts,
            @Descriptor("levels of PCIe switches between a root port and its slots (0-6; default 2)") @Parameter(
                    names = "--switch-depth", absentValue = "2") Args.Int switchDepth,
            @Descriptor("downstream ports of each switch (1-32; default 4)") @Parameter(names = "--fanout", absentValue = "4") Args.Int fanout,
            @Descriptor("GPU functions per slot (default 8)") @Parameter(names = "--endpoints", absentValue = "8") Args.Int endpoints,
            @Descriptor("SR-IOV NIC PFs per slot (default 1)") @Parameter(names = "--pfs", absentValue = "1") Args.Int pfs,
            @Descriptor("VFs of each PF (default 32)") @Parameter(names = "--vfs", absentValue = "32") Args.Int vfs,
            @Descriptor("the host's name (default fleet)") @Parameter(names = "--name", absentValue = "fleet") String name,
            @Descriptor("replace the file if it exists") @Parameter(names = "--force", presentValue = "true",
                    absentValue = "false") boolean force,
            @Descriptor("the JSON file to write (not in /sys, /proc or /dev)") Args.HostPath file) throws IOException {
        Path path = HostFiles.writable(file.resolve(session), null);
        if (Files.exists(path) && !force) {
            throw new IllegalArgumentException(file + " exists; --force replaces it");
        }
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new IllegalArgumentException("cannot write " + file + ": no directory " + path.getParent());
        }
        if ((functions.value() > 0) == (rootPorts.value() > 0)) {
            throw new UsageException("give the size as --functions N or as --root-ports N (one of the two)");
        }
        int vfsPerPf = pfs.value() == 0 ? 0 : vfs.value();
        FleetShape shape = functions.value() > 0
                ? FleetShape.withFunctions(name, functions.value(), switchDepth.value(), fanout.value(), endpoints.value(),
                        pfs.value(), vfsPerPf)
                : new FleetShape(name, rootPorts.value(), switchDepth.value(), fanout.value(), endpoints.value(), pfs.value(),
                        vfsPerPf);
        try (Progress progress = Progress.start("topology:generate", "functions", shape.functions())) {
            generator.write(shape, path, progress.forModel());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + ErrorMessages.io(e));
        }
        return "wrote " + file + ": " + describe(shape);
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
}
