package org.pmlab.sysfs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.sysfs.api.HostImport;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyCodec;
import org.pmlab.topology.api.TopologyException;

/**
 * Reads a Linux sysfs tree into a topology, opening files for reading only. Where the tree does
 * not tell, it chooses as documented here and says so in a note:
 * <ul>
 * <li>The parent of a function is the function whose directory holds it (the target of
 * {@code bus/pci/devices/BDF}); VFs (they have {@code physfn}) are left out, as the PF's SR-IOV
 * capability creates them; functions on a root bus other than 00 are left out, as the format
 * has only one root bus.</li>
 * <li>The PM capability, port type, slot, hot-plug and FLR come from the {@code config} file.
 * When the capability list could not be read (an unprivileged read gives 64 bytes), the PM
 * capability is known only from hints: {@code d3cold_allowed=1} (set only by {@code pci_pm_init}
 * for a function with one) or a {@code power_state} of D1, D2 or D3hot; it is then assumed as
 * "no D1/D2 (unless seen), NoSoftRst-, PME from D0 and D3hot if {@code power/wakeup} exists, else
 * none". Without any hint the function gets no PM capability. A bridge whose PCIe port type is
 * unknown is typed by where it sits: root port on the root bus, downstream port below an
 * upstream port, else upstream port.</li>
 * <li>A hot-plug capable slot is taken as handled natively (pciehp).</li>
 * <li>SR-IOV offset, stride and VF device ID come from {@code sriov_offset}, {@code sriov_stride},
 * {@code sriov_vf_device}; missing ones default to 1, 1 and the PF's device ID.</li>
 * <li>The BIOS year comes from {@code class/dmi/id/bios_date}; without it 1990, which like the
 * kernel's unknown year (0) is before 2015.</li>
 * <li>ACPI companions and power resources are not imported.</li>
 * </ul>
 */
final class HostImporter {

    private static final Pattern BIOS_DATE = Pattern.compile("\\d{2}/\\d{2}/(\\d{4})");
    static final int UNKNOWN_BIOS_YEAR = 1990;

    private final TopologyCodec codec;

    HostImporter(TopologyCodec codec) {
        this.codec = codec;
    }

    /** One function as found, before it is typed. */
    private record Found(Bdf bdf, Bdf parent, Path dir) {
    }

    HostImport.Result read(Path sysfsRoot) {
        String source = sysfsRoot.toString();
        Path devices = sysfsRoot.resolve("bus/pci/devices");
        if (!Files.isDirectory(devices)) {
            throw new TopologyException(source, "$", "no PCI devices to import: " + devices + " is not a directory");
        }
        List<String> notes = new ArrayList<>();
        Map<Bdf, Found> found = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(devices)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                Optional<Bdf> bdf = bdf(name);
                if (bdf.isEmpty()) {
                    notes.add(name + ": not a PCI function address; left out");
                    continue;
                }
                if (Files.exists(p.resolve("physfn"), LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a VF: the PF's SR-IOV capability brings it back
                }
                found.put(bdf.get(), new Found(bdf.get(), parentOf(p, notes), p));
            }
        } catch (IOException e) {
            throw new TopologyException(source, "$", "cannot list " + devices + ": " + e.getMessage());
        }
        Map<Bdf, List<Found>> children = new TreeMap<>();
        List<Found> roots = new ArrayList<>();
        for (Found f : found.values()) {
            if (f.parent() == null) {
                if (f.bdf().bus() != 0) {
                    notes.add(f.bdf() + ": on root bus " + String.format("%02x", f.bdf().bus())
                            + "; the topology format has only root bus 00, so it and everything below it are left out");
                    continue;
                }
                roots.add(f);
            } else if (!found.containsKey(f.parent())) {
                notes.add(f.bdf() + ": its parent " + f.parent() + " is not a listed function; left out");
            } else {
                children.computeIfAbsent(f.parent(), k -> new ArrayList<>()).add(f);
            }
        }
        List<DeviceSpec> specs = new ArrayList<>();
        Map<Bdf, PortType> types = new HashMap<>();
        for (Found r : roots) {
            add(r, children, types, specs, notes);
        }
        Topology t = new Topology("host " + sysfsRoot, platform(sysfsRoot, notes), List.of(), specs);
        return new HostImport.Result(codec.parse(codec.write(t), source), notes);
    }

    /** Depth first, so every bridge comes before the functions below it. */
    private void add(Found f, Map<Bdf, List<Found>> children, Map<Bdf, PortType> types, List<DeviceSpec> out,
            List<String> notes) {
        DeviceSpec spec = spec(f, f.parent() == null ? null : types.get(f.parent()), notes);
        types.put(f.bdf(), spec.portType());
        out.add(spec);
        List<Found> below = children.getOrDefault(f.bdf(), List.of());
        if (!below.isEmpty() && !spec.portType().isPort()) {
            notes.add(f.bdf() + ": has functions below it but is not a bridge; they are left out");
            return;
        }
        for (Found c : below) {
            add(c, children, types, out, notes);
        }
    }

    private DeviceSpec spec(Found f, PortType parentType, List<String> notes) {
        Path dir = f.dir();
        String id = f.bdf().toString();
        int cls = hex(dir, "class", id);
        int vendor = hex(dir, "vendor", id);
        int device = hex(dir, "device", id);
        byte[] config = bytes(dir.resolve("config"));
        ConfigHeader h = config == null ? null : new ConfigHeader(config);
        boolean walked = h != null && h.complete();

        PmCapability pm;
        if (h != null && h.hasPm()) {
            pm = h.pm();
        } else if (walked) {
            pm = null; // the whole capability list was read: there is none
        } else {
            pm = guessPm(dir);
            notes.add(id + ": no PM capability known (" + (config == null ? "config not readable"
                    : "only " + config.length + " bytes of config readable") + "); "
                    + (pm == null ? "assumed none" : "assumed " + describe(pm) + " from d3cold_allowed/power_state"));
        }

        PortType type = portType(f, cls, h, parentType, notes);
        boolean downstreamFacing = type == PortType.ROOT_PORT || type == PortType.DOWNSTREAM_PORT;
        boolean slot = downstreamFacing && h != null && h.hasExp() && h.expSlot();
        HotplugKind hotplug = downstreamFacing && h != null && h.hotplugCapable() ? HotplugKind.NATIVE : HotplugKind.NONE;
        boolean flr = h != null && h.flr();

        SriovCapability sriov = null;
        Optional<String> total = text(dir.resolve("sriov_totalvfs"));
        if (total.isPresent() && type == PortType.ENDPOINT && Integer.parseInt(total.get()) > 0) {
            int offset = text(dir.resolve("sriov_offset")).map(Integer::parseInt).orElse(1);
            int stride = text(dir.resolve("sriov_stride")).map(Integer::parseInt).orElse(1);
            int vfDevice = text(dir.resolve("sriov_vf_device")).map(s -> Integer.parseInt(s, 16)).orElse(device);
            sriov = new SriovCapability(Integer.parseInt(total.get()), Math.max(1, offset), Math.max(1, stride), vfDevice);
        }

        boolean wakeup = text(dir.resolve("power/wakeup")).filter("enabled"::equals).isPresent();
        String driver = driver(dir);
        if (type.isPort() && "pcieport".equals(driver)) {
            driver = null; // the format's default for ports
        }
        return new DeviceSpec(f.bdf(), f.parent(), cls, vendor, device, type, pm, sriov, hotplug, slot, flr, wakeup,
                null, driver, null);
    }

    /** From d3cold_allowed (1 only after pci_pm_init found a PM capability) and power_state. */
    private static PmCapability guessPm(Path dir) {
        boolean d3coldAllowed = text(dir.resolve("d3cold_allowed")).filter("1"::equals).isPresent();
        String state = text(dir.resolve("power_state")).orElse("");
        boolean lowState = state.equals("D1") || state.equals("D2") || state.equals("D3hot");
        if (!d3coldAllowed && !lowState) {
            return null;
        }
        Set<PowerState> pme = Files.exists(dir.resolve("power/wakeup"))
                ? EnumSet.of(PowerState.D0, PowerState.D3HOT) : EnumSet.noneOf(PowerState.class);
        return new PmCapability(state.equals("D1"), state.equals("D2"), false, pme);
    }

    private static String describe(PmCapability pm) {
        return "a PM capability (D1" + (pm.d1() ? "+" : "-") + " D2" + (pm.d2() ? "+" : "-") + " NoSoftRst- PME "
                + (pm.pmeStates().isEmpty() ? "none" : pm.pmeStates().stream().sorted().map(PowerState::label).toList()) + ")";
    }

    private static PortType portType(Found f, int cls, ConfigHeader h, PortType parentType, List<String> notes) {
        boolean bridgeHeader = h != null && h.headerType() == 1 || (cls >> 8) == 0x0604 || (cls >> 8) == 0x0609;
        PortType t;
        if (h != null && h.hasExp() && !bridgeHeader) {
            t = PortType.ENDPOINT;
        } else if (h != null && h.hasExp()) {
            t = switch (h.expType()) {
                case ConfigHeader.EXP_ROOT_PORT -> PortType.ROOT_PORT;
                case ConfigHeader.EXP_UPSTREAM -> PortType.UPSTREAM_PORT;
                case ConfigHeader.EXP_DOWNSTREAM -> PortType.DOWNSTREAM_PORT;
                default -> byPosition(parentType); // PCIe-to-PCI bridges and the like
            };
        } else if ((cls >> 8) == 0x0600 && f.parent() == null) {
            return PortType.HOST_BRIDGE;
        } else if (bridgeHeader) {
            t = byPosition(parentType);
            notes.add(f.bdf() + ": a bridge without a readable PCIe port type; typed " + t.word() + " by its position");
        } else {
            t = PortType.ENDPOINT;
        }
        boolean fits = switch (t) {
            case ROOT_PORT -> parentType == null;
            case UPSTREAM_PORT -> parentType == PortType.ROOT_PORT || parentType == PortType.DOWNSTREAM_PORT;
            case DOWNSTREAM_PORT -> parentType == PortType.UPSTREAM_PORT;
            default -> true;
        };
        if (!fits) {
            PortType p = byPosition(parentType);
            notes.add(f.bdf() + ": a " + t.word() + " cannot sit " + (parentType == null ? "on the root bus"
                    : "below a " + parentType.word()) + "; typed " + p.word());
            return p;
        }
        return t;
    }

    private static PortType byPosition(PortType parentType) {
        if (parentType == null) {
            return PortType.ROOT_PORT;
        }
        return parentType == PortType.UPSTREAM_PORT ? PortType.DOWNSTREAM_PORT : PortType.UPSTREAM_PORT;
    }

    private static PlatformSpec platform(Path sysfsRoot, List<String> notes) {
        Path dmi = sysfsRoot.resolve("class/dmi/id");
        String vendor = text(dmi.resolve("sys_vendor")).orElse(null);
        Optional<Integer> year = text(dmi.resolve("bios_date")).map(BIOS_DATE::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).filter(y -> y >= 1990 && y <= 2100);
        if (year.isEmpty()) {
            notes.add("BIOS year unknown (no " + dmi.resolve("bios_date") + "); assumed " + UNKNOWN_BIOS_YEAR
                    + ", before 2015 like the kernel's unknown year");
        }
        return new PlatformSpec(vendor, year.orElse(UNKNOWN_BIOS_YEAR));
    }

    /**
     * The parent from where the kernel put the function's directory: the BDF that holds it on the
     * link's target path ({@code ../../../devices/pci0000:00/0000:00:1c.0/0000:04:00.0}).
     */
    private static Bdf parentOf(Path busEntry, List<String> notes) {
        if (!Files.isSymbolicLink(busEntry)) {
            notes.add(busEntry.getFileName() + ": not a link into devices/, so its parent is unknown; taken as on the root bus");
            return null;
        }
        try {
            Path target = busEntry.getParent().resolve(Files.readSymbolicLink(busEntry)).normalize();
            Path up = target.getParent();
            return up == null ? null : bdf(up.getFileName().toString()).orElse(null);
        } catch (IOException e) {
            notes.add(busEntry.getFileName() + ": cannot read its link (" + e.getMessage() + "); taken as on the root bus");
            return null;
        }
    }

    private static String driver(Path dir) {
        Path link = dir.resolve("driver");
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            return Path.of(Files.readSymbolicLink(link).toString()).getFileName().toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<Bdf> bdf(String name) {
        try {
            Bdf b = Bdf.parse(name);
            return b.toString().equals(name) ? Optional.of(b) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int hex(Path dir, String attr, String id) {
        String t = text(dir.resolve(attr)).orElseThrow(() -> new TopologyException(dir.toString(), "$",
                id + ": cannot read " + attr));
        try {
            return Integer.parseInt(t.startsWith("0x") ? t.substring(2) : t, 16);
        } catch (NumberFormatException e) {
            throw new TopologyException(dir.toString(), "$", id + ": " + attr + " is not hex: '" + t + "'");
        }
    }

    /** A small attribute's text without its newline; empty when it is missing or unreadable. */
    static Optional<String> text(Path p) {
        byte[] b = bytes(p);
        return b == null ? Optional.empty() : Optional.of(new String(b, java.nio.charset.StandardCharsets.UTF_8).strip());
    }

    /** At most 4096 bytes: a config space, or a page of text. Opened for reading only. */
    private static byte[] bytes(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try (var in = Files.newInputStream(p)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            return null;
        }
    }
}
