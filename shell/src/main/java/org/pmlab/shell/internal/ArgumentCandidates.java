package org.pmlab.shell.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.scenario.api.Scenario;
import org.pmlab.sim.api.FaultPoint;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sysfs.api.Sysfs;
import org.pmlab.sysfs.api.SysfsEntry;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.sysfs.api.SysfsView;
import org.pmlab.vfio.api.IrqType;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioService;

/**
 * What Tab offers for the word under the cursor of a pmlab command: the values its parameter's
 * type can take on the live machine (BDFs with the device's name, pm devices, drivers, firmware,
 * kernel versions, fault points, errnos, sysfs paths of the model, enumerated words), each with
 * a description for JLine's menu. The parameter is found from the command's forms: options
 * and their values are skipped, the rest are counted as positionals.
 */
@Component(service = ArgumentCandidates.class)
public final class ArgumentCandidates {

    private final Steps steps;
    private final Sysfs sysfs;
    private final VfioService vfio;
    private final PowerModel power;

    @Activate
    public ArgumentCandidates(@Reference Steps steps, @Reference Sysfs sysfs, @Reference VfioService vfio,
            @Reference PowerModel power) {
        this.steps = steps;
        this.sysfs = sysfs;
        this.vfio = vfio;
        this.power = power;
    }

    /** The candidates for the current word of {@code line}, a statement of {@code spec}. */
    List<Candidate> complete(CommandSpec spec, LineReader reader, ParsedLine line, Path cwd) {
        List<String> words = line.words();
        int index = line.wordIndex();
        List<ParamSpec> options = spec.allOptions();
        int positional = 0;
        for (int i = 1; i < index && i < words.size(); i++) {
            String w = words.get(i);
            Optional<ParamSpec> opt = options.stream().filter(p -> p.options().contains(w)).findFirst();
            if (opt.isPresent()) {
                if (!opt.get().flag()) {
                    if (i == index - 1) {
                        return values(opt.get().type(), line.word(), reader, line, cwd);
                    }
                    i++;
                }
            } else {
                positional++;
            }
        }
        List<Candidate> out = new ArrayList<>();
        List<Class<?>> seen = new ArrayList<>();
        for (CommandForm f : spec.forms()) {
            ParamSpec p = f.positional(positional);
            if (p != null && !seen.contains(p.type())) {
                seen.add(p.type());
                out.addAll(values(p.type(), line.word(), reader, line, cwd));
            }
        }
        return out;
    }

    /** The values of one argument type; empty for free text and numbers. */
    List<Candidate> values(Class<?> type, String word, LineReader reader, ParsedLine line, Path cwd) {
        List<Candidate> out = new ArrayList<>();
        if (Conversions.isWord(type)) {
            for (Object e : type.getEnumConstants()) {
                Word w = (Word) e;
                out.add(value(w.word(), w.description()));
            }
            return out;
        }
        if (type == Args.HostPath.class) {
            if (reader != null) { // the host's files: JLine's own completer (without a reader, none)
                new Completers.FilesCompleter(cwd).complete(reader, line, out);
            }
            return out;
        }
        Machine m;
        try {
            m = steps.machine();
        } catch (IllegalStateException noMachine) {
            return out; // the host did not boot: nothing to offer from it
        }
        if (type == Bdf.class || type == Args.PciAddresses.class) {
            for (PciDevice d : m.pci().devices()) {
                out.add(value(d.bdf().toString(), device(d)));
            }
        } else if (type == Args.BridgeBdf.class) {
            for (PciDevice d : m.pci().devices()) {
                if (d.isBridge()) {
                    out.add(value(d.bdf().toString(), device(d)));
                }
            }
        } else if (type == Args.PciClass.class) {
            // the classes on this host, base class and subclass as lspci -d ::CLASS takes them
            Map<String, String> classes = new TreeMap<>();
            for (PciDevice d : m.pci().devices()) {
                int sub = d.spec().classCode() >>> 8;
                classes.putIfAbsent(String.format("0x%04x", sub), PciClassNames.of(d.spec().classCode()));
            }
            classes.forEach((c, name) -> out.add(value(c, name)));
        } else if (type == Args.PciIds.class) {
            Map<String, String> ids = new TreeMap<>();
            for (PciDevice d : m.pci().devices()) {
                ids.putIfAbsent(String.format("%04x:%04x", d.spec().vendor(), d.spec().device()), PciCommands.describe(d));
            }
            ids.forEach((id, name) -> out.add(value(id, name)));
        } else if (type == Args.DeviceName.class) {
            for (PmDevice d : m.pmDevices().all()) {
                PmInfo i = d.info();
                Optional<PciDevice> pci = Args.looksLikeBdf(d.name()) ? m.pci().find(Bdf.parse(d.name())) : Optional.empty();
                out.add(value(d.name(), pci.map(ArgumentCandidates::device)
                        .orElse("runtime " + i.runtimeStatus() + ", usage " + i.usageCount())));
            }
        } else if (type == Args.DriverName.class) {
            m.pci().drivers().forEach(dr -> out.add(value(dr, "PCI driver")));
        } else if (type == Args.FirmwareName.class) {
            for (String f : steps.lab().firmwareNames()) {
                out.add(value(f, steps.lab().firmwareDescription(f)));
            }
            out.add(value(org.pmlab.machine.api.FirmwareControl.NATIVE, "no firmware: native PCI PM only"));
        } else if (type == KernelVersion.class) {
            KernelVersion.MODELLED.forEach(k -> out.add(value(k.toString(),
                    k.equals(m.kernel()) ? "the running kernel" : "Linux " + k)));
        } else if (type == Args.FaultPointName.class) {
            for (FaultPoint p : m.faults().points()) {
                out.add(value(p.name(), p.description()));
            }
        } else if (type == Args.FaultTarget.class) {
            m.pci().devices().forEach(d -> out.add(value(d.bdf().toString(), device(d))));
            m.firmware().ops().ifPresent(ops -> {
                for (PowerResourceView r : ops.powerResources()) {
                    out.add(value(r.name(), "power resource, " + (r.on() ? "on" : "off")));
                }
            });
        } else if (type == Args.ErrnoValue.class) {
            for (Errno e : Errno.values()) {
                out.add(value("-" + e.name(), e.message()));
            }
        } else if (type == Args.VfioHandle.class) {
            for (VfioDeviceInfo i : vfio.user(m).devices()) {
                out.add(value(i.bdf().toString(), "bound to vfio-pci, open " + i.openCount()));
                for (int fd : vfio.user(m).fds(i.bdf())) {
                    out.add(value(Integer.toString(fd), "fd of " + i.bdf()));
                }
            }
        } else if (type == IrqType.class) {
            for (IrqType t : IrqType.values()) {
                out.add(value(t.name().toLowerCase(), t.label()));
            }
        } else if (type == PciePortPm.class) {
            for (PciePortPm p : PciePortPm.values()) {
                out.add(value(p.word(), "pcie_port_pm=" + p.word()));
            }
        } else if (type == Args.KernelBool.class) {
            out.add(value("1", "true (also y, yes, on)"));
            out.add(value("0", "false (also n, no, off)"));
        } else if (type == Duration.class) {
            out.add(value("10ms", "a duration: ns, us, ms or s"));
            out.add(value("100ms", "a duration: ns, us, ms or s"));
            out.add(value("1s", "a duration: ns, us, ms or s"));
        } else if (type == Args.SysfsValue.class) {
            // what the attributes pmlab models take (drivers/pci/pci-sysfs.c, drivers/base/power/sysfs.c)
            out.add(value("auto", "power/control: allow runtime PM"));
            out.add(value("on", "power/control: keep the device active"));
            out.add(value("enabled", "power/wakeup"));
            out.add(value("disabled", "power/wakeup"));
            out.add(value("1", "d3cold_allowed, reset, a BDF's bind"));
            out.add(value("0", "d3cold_allowed, sriov_numvfs"));
            out.add(value("vfio-pci", "driver_override"));
            m.pci().devices().forEach(d -> out.add(value(d.bdf().toString(), "for bind, unbind, drivers_probe")));
        } else if (type == Args.SysfsPath.class) {
            paths(sysfs.of(m), word, out);
        } else if (type == Args.KernelList.class) {
            List<Candidate> each = new ArrayList<>();
            KernelVersion.MODELLED.forEach(k -> each.add(value(k.toString(),
                    k.equals(m.kernel()) ? "the running kernel" : "Linux " + k)));
            listItems(word, each, "every modelled kernel", out);
        } else if (type == Args.ScenarioList.class) {
            List<Candidate> each = new ArrayList<>();
            for (Scenario s : Scenario.values()) {
                each.add(value(s.word(), s.description()));
            }
            listItems(word, each, "every scenario", out);
        } else if (type == Args.FirmwareList.class) {
            List<Candidate> each = new ArrayList<>();
            for (String f : steps.lab().firmwareNames()) {
                each.add(value(f, steps.lab().firmwareDescription(f)));
            }
            each.add(value(org.pmlab.machine.api.FirmwareControl.NATIVE, "no firmware: native PCI PM only"));
            listItems(word, each, "every registered firmware model", out);
        } else if (type == Args.AutoBdf.class) {
            out.add(value(Args.AutoBdf.AUTO, "let the command choose"));
            for (PciDevice d : m.pci().devices()) {
                out.add(value(d.bdf().toString(), device(d)));
            }
        } else if (type == Args.PowerMatch.class) {
            for (String c : power.classes()) {
                out.add(value(c, "power class"));
            }
            for (PciDevice d : m.pci().devices()) {
                out.add(value(d.bdf().toString(), device(d)));
            }
        }
        return out;
    }

    /**
     * The items of a comma-separated list: after the last comma of the word, each value not yet
     * in it (the word's earlier items kept in front); at the start, {@code all} too.
     */
    private static void listItems(String word, List<Candidate> each, String allDescription, List<Candidate> out) {
        int comma = word.lastIndexOf(',');
        String head = comma < 0 ? "" : word.substring(0, comma + 1);
        List<String> given = List.of(head.split(","));
        if (comma < 0) {
            out.add(value(Args.ALL, allDescription));
        }
        for (Candidate c : each) {
            if (!given.contains(c.value())) {
                out.add(new Candidate(head + c.value(), c.value(), null, c.descr(), null, null, true));
            }
        }
    }

    /** The entries of the directory the word is in, as paths; directories end in '/' and go on. */
    private static void paths(SysfsView v, String word, List<Candidate> out) {
        String w = word.isEmpty() ? "/sys/" : word;
        int slash = w.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : w.substring(0, slash + 1);
        try {
            for (SysfsEntry e : v.list(dir)) {
                String path = dir + e.name();
                boolean descend = e.kind() == SysfsEntry.Kind.DIRECTORY
                        || e.kind() == SysfsEntry.Kind.LINK && isDirectory(v, path);
                out.add(new Candidate(descend ? path + "/" : path, e.name() + (descend ? "/" : ""), null,
                        e.kind() == SysfsEntry.Kind.LINK ? "-> " + e.target() : null, null, null, !descend));
            }
        } catch (SysfsException | IllegalArgumentException notADirectory) {
            if (dir.equals("/")) {
                out.add(new Candidate("/sys/", "sys/", null, null, null, null, false));
            }
        }
    }

    private static boolean isDirectory(SysfsView v, String path) {
        try {
            v.list(path + "/");
            return true;
        } catch (SysfsException | IllegalArgumentException e) {
            return false;
        }
    }

    /** "3D controller: NVIDIA ... [vfio-pci, D3cold]". */
    private static String device(PciDevice d) {
        return PciCommands.describe(d) + " [" + d.driver().orElse("no driver") + ", " + d.currentState().label() + "]";
    }

    private static Candidate value(String value, String description) {
        return new Candidate(value, value, null, description, null, null, true);
    }
}
