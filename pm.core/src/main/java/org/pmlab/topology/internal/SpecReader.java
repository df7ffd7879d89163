package org.pmlab.topology.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.DriverProfile;
import org.pmlab.topology.api.IdleCallback;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.PowerSpec;
import org.pmlab.topology.api.ProfileStep;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/**
 * Maps the objects of a topology document to the API records, one object at a time. It checks each value on its
 * own (types, hex, BDF syntax, enum words, ranges); how devices relate to each other is {@link TopologyValidator}'s job.
 */
final class SpecReader {

    static final Set<String> TOPOLOGY_FIELDS = JsonFields.names("name", "platform", "powerResources", "drivers", "devices");
    static final Set<String> DRIVER_FIELDS = JsonFields.names("name", "description", "pm", "probe", "remove", "idle");
    static final Set<String> PLATFORM_FIELDS = JsonFields.names("vendor", "biosYear");
    static final Set<String> POWER_RESOURCE_FIELDS = JsonFields.names("name", "on");
    static final Set<String> DEVICE_FIELDS = JsonFields.names("bdf", "parent", "class", "vendor", "device", "type", "pm", "sriov",
            "hotplug", "slot", "flr", "wakeup", "acpi", "driver", "label", "power");
    static final Set<String> POWER_FIELDS = JsonFields.names("d0Active", "d0Idle", "d1", "d2", "d3hot", "d3cold");
    static final Set<String> PM_FIELDS = JsonFields.names("d1", "d2", "noSoftReset", "pme");
    static final Set<String> SRIOV_FIELDS = JsonFields.names("totalVfs", "vfOffset", "vfStride", "vfDeviceId");
    static final Set<String> ACPI_FIELDS = JsonFields.names("path", "ps0", "ps3", "psc", "pr0", "pr3", "s0w", "prw",
            "hotplugSupportInD3", "ej0");

    private final String source;
    /**
     * Values many devices share, read once: the PM capabilities (a handful of distinct ones) and
     * the addresses of the bridges (each parent is a bridge listed before). A host of a million
     * functions then holds one copy of each instead of one per function.
     */
    private final Map<PmCapability, PmCapability> capabilities = new HashMap<>();
    private final Map<Bdf, Bdf> bridges = new HashMap<>();

    SpecReader(String source) {
        this.source = source;
    }

    /**
     * The document's top-level object. Its devices have already been read one at a time as they streamed past
     * ({@code null} if there was no devices array to stream, in which case the field is checked here).
     */
    Topology topology(JsonFields top, List<DeviceSpec> devices) {
        top.allowOnly(TOPOLOGY_FIELDS);
        String name = top.requiredText("name");
        PlatformSpec platform = platform(top.requiredObject("platform"));
        List<JsonNode> nodes = top.array("powerResources");
        List<PowerResourceSpec> resources = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            resources.add(powerResource(JsonFields.of(source, top.elementPath("powerResources", i), nodes.get(i))));
        }
        List<JsonNode> driverNodes = top.array("drivers");
        List<DriverProfile> drivers = new ArrayList<>(driverNodes.size());
        for (int i = 0; i < driverNodes.size(); i++) {
            drivers.add(driver(JsonFields.of(source, top.elementPath("drivers", i), driverNodes.get(i))));
        }
        if (devices == null) {
            top.array("devices");
        }
        return new Topology(name, platform, resources, devices == null ? List.of() : devices, drivers);
    }

    /** A native driver profile: its probe and remove calls are kernel calls, each checked as it is read. */
    private DriverProfile driver(JsonFields json) {
        json.allowOnly(DRIVER_FIELDS);
        String name = json.requiredText("name");
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw json.error("name", "a driver name must be non-empty, without spaces or slashes: '" + name + "'");
        }
        if (DriverProfile.RESERVED.contains(name)) {
            throw json.error("name", "'" + name + "' is one of pmlab's own drivers (" + String.join(", ", DriverProfile.RESERVED)
                    + "); a profile needs another name");
        }
        IdleCallback idle;
        try {
            idle = IdleCallback.parse(json.optionalText("idle", "none"));
        } catch (IllegalArgumentException e) {
            throw json.error("idle", e.getMessage());
        }
        return new DriverProfile(name, json.optionalText("description", ""), json.bool("pm", true), steps(json, "probe"),
                steps(json, "remove"), idle);
    }

    private List<ProfileStep> steps(JsonFields json, String field) {
        List<JsonNode> nodes = json.array(field);
        List<ProfileStep> steps = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String text = json.textElement(field, i, nodes.get(i));
            try {
                steps.add(ProfileStep.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TopologyException(source, json.elementPath(field, i), e.getMessage());
            }
        }
        return steps;
    }

    private PlatformSpec platform(JsonFields json) {
        json.allowOnly(PLATFORM_FIELDS);
        String vendor = json.optionalText("vendor", null);
        int biosYear = json.requiredInt("biosYear");
        try {
            return new PlatformSpec(vendor, biosYear);
        } catch (IllegalArgumentException e) {
            throw json.error("biosYear", e.getMessage());
        }
    }

    private PowerResourceSpec powerResource(JsonFields json) {
        json.allowOnly(POWER_RESOURCE_FIELDS);
        String name = json.requiredText("name");
        if (name.isBlank()) {
            throw json.error("name", "a power resource needs a non-empty name");
        }
        return new PowerResourceSpec(name, json.bool("on", true));
    }

    DeviceSpec device(JsonFields json) {
        json.allowOnly(DEVICE_FIELDS);
        Bdf bdf = parsed(json, "bdf", json.requiredText("bdf"), Bdf::parse);
        String parentText = json.optionalText("parent", null);
        Bdf parent = parentText == null ? null : shared(parsed(json, "parent", parentText, Bdf::parse));
        int classCode = json.requiredNumber("class", 0xffffff);
        int vendor = json.requiredNumber("vendor", 0xffff);
        int device = json.requiredNumber("device", 0xffff);
        PortType type = parsed(json, "type", json.requiredText("type"), PortType::parse);
        JsonFields pmJson = json.optionalObject("pm");
        PmCapability pm = pmJson == null ? null : capabilities.computeIfAbsent(pm(pmJson), c -> c);
        JsonFields sriovJson = json.optionalObject("sriov");
        SriovCapability sriov = sriovJson == null ? null : sriov(sriovJson);
        HotplugKind hotplug = parsed(json, "hotplug", json.optionalText("hotplug", HotplugKind.NONE.word()), HotplugKind::parse);
        boolean slot = json.bool("slot", false);
        boolean flr = json.bool("flr", false);
        boolean wakeup = json.bool("wakeup", false);
        JsonFields acpiJson = json.optionalObject("acpi");
        AcpiDeviceSpec acpi = acpiJson == null ? null : acpi(acpiJson);
        String driver = json.optionalText("driver", null);
        // Absent: derive from the class code; an explicit null keeps "no label" so that write/parse round-trips.
        String label = json.optionalText("label", PciClassNames.of(classCode));
        if (type.isPort()) {
            bridges.putIfAbsent(bdf, bdf);
        }
        JsonFields powerJson = json.optionalObject("power");
        PowerSpec power = powerJson == null ? null : power(powerJson);
        return new DeviceSpec(bdf, parent, classCode, vendor, device, type, pm, sriov, hotplug, slot, flr, wakeup, acpi,
                driver, label, power);
    }

    private PowerSpec power(JsonFields json) {
        json.allowOnly(POWER_FIELDS);
        return new PowerSpec(json.optionalWatts("d0Active"), json.optionalWatts("d0Idle"), json.optionalWatts("d1"),
                json.optionalWatts("d2"), json.optionalWatts("d3hot"), json.optionalWatts("d3cold"));
    }

    /** The bridge's own address object when it was read already (it is listed first), else this one. */
    private Bdf shared(Bdf parent) {
        Bdf known = bridges.get(parent);
        return known != null ? known : parent;
    }

    private PmCapability pm(JsonFields json) {
        json.allowOnly(PM_FIELDS);
        List<JsonNode> pmeNodes = json.array("pme");
        Set<PowerState> pme = EnumSet.noneOf(PowerState.class);
        for (int i = 0; i < pmeNodes.size(); i++) {
            String where = json.elementPath("pme", i);
            PowerState state;
            try {
                state = PowerState.parse(json.textElement("pme", i, pmeNodes.get(i)));
            } catch (IllegalArgumentException e) {
                throw new TopologyException(source, where, e.getMessage());
            }
            if (state.value() < PowerState.D0.value() || state.value() > PowerState.D3COLD.value()) {
                throw new TopologyException(source, where, "PME cannot be signalled from " + state.label() + "; expected D0, D1, D2, D3hot or D3cold");
            }
            if (!pme.add(state)) {
                throw new TopologyException(source, where, state.label() + " is listed twice");
            }
        }
        return new PmCapability(json.bool("d1", false), json.bool("d2", false), json.bool("noSoftReset", false), pme);
    }

    private SriovCapability sriov(JsonFields json) {
        json.allowOnly(SRIOV_FIELDS);
        int totalVfs = json.requiredNumber("totalVfs", 0xffff);
        int offset = json.requiredNumber("vfOffset", 0xffff);
        int stride = json.optionalNumber("vfStride", 0xffff, 1);
        int vfDevice = json.requiredNumber("vfDeviceId", 0xffff);
        if (totalVfs < 1) {
            throw json.error("totalVfs", "TotalVFs must be at least 1");
        }
        if (offset < 1) {
            throw json.error("vfOffset", "the VF offset must be at least 1 (offset 0 would be the PF itself)");
        }
        if (stride < 1) {
            throw json.error("vfStride", "the VF stride must be at least 1");
        }
        return new SriovCapability(totalVfs, offset, stride, vfDevice);
    }

    private AcpiDeviceSpec acpi(JsonFields json) {
        json.allowOnly(ACPI_FIELDS);
        String path = json.requiredText("path");
        if (path.isBlank()) {
            throw json.error("path", "an ACPI companion needs a namespace path such as \\_SB.PCI0.RP01");
        }
        Integer s0w = json.optionalInt("s0w");
        if (s0w != null && (s0w < 0 || s0w > 4)) {
            throw json.error("s0w", "_S0W must be 0..4 (D0..D3cold), got " + s0w);
        }
        return new AcpiDeviceSpec(path, json.bool("ps0", false), json.bool("ps3", false), json.bool("psc", false),
                names(json, "pr0"), names(json, "pr3"), s0w, json.bool("prw", false),
                json.bool("hotplugSupportInD3", false), json.bool("ej0", false));
    }

    private static List<String> names(JsonFields json, String field) {
        List<JsonNode> nodes = json.array(field);
        List<String> names = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            names.add(json.textElement(field, i, nodes.get(i)));
        }
        return names;
    }

    /** Applies an API parser ({@code Bdf.parse}, {@code PortType.parse}...) and reports its message at the field. */
    private static <T> T parsed(JsonFields json, String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw json.error(field, e.getMessage());
        }
    }
}
