package org.pmlab.topology.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PhysicalState;
import org.pmlab.hw.api.PciClassNames;
import org.pmlab.hw.api.PmCapability;
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

/**
 * Prints a topology in the documented format so that it reads back to an equal {@link Topology}. Optional fields
 * at their default are left out, which keeps hosts with 100k functions small; it streams through a Jackson
 * generator rather than building a tree for the same reason.
 */
final class TopologyWriter {

    private final JsonFactory factory = new JsonFactory();

    String write(Topology topology) {
        StringWriter out = new StringWriter();
        try {
            write(topology.name(), topology.platform(), topology.powerResources(), topology.drivers(), topology.devices()::forEach,
                    out);
        } catch (IOException e) {
            // A StringWriter does not fail; the generator only fails on misuse, which would be a bug here.
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /**
     * Writes a document whose devices {@code devices} hands to the consumer it is given, one at a
     * time, so a generated host need not be held whole. The text ends with the closing brace;
     * {@code out} stays open.
     */
    void write(String name, PlatformSpec platform, List<PowerResourceSpec> resources, List<DriverProfile> drivers,
            Consumer<Consumer<DeviceSpec>> devices, Writer out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new TopologyPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeObjectFieldStart("platform");
            if (platform.vendor() != null) {
                g.writeStringField("vendor", platform.vendor());
            }
            g.writeNumberField("biosYear", platform.biosYear());
            g.writeEndObject();
            g.writeArrayFieldStart("powerResources");
            for (PowerResourceSpec resource : resources) {
                g.writeStartObject();
                g.writeStringField("name", resource.name());
                g.writeBooleanField("on", resource.on());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!drivers.isEmpty()) {
                g.writeArrayFieldStart("drivers");
                for (DriverProfile p : drivers) {
                    driver(g, p);
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("devices");
            IOException[] failed = {null};
            devices.accept(device -> {
                if (failed[0] == null) {
                    try {
                        device(g, device);
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** A driver profile as one block: probe and remove on a line each, as the steps read. */
    private static void driver(JsonGenerator g, DriverProfile p) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        if (!p.description().isEmpty()) {
            g.writeStringField("description", p.description());
        }
        if (!p.pmOps()) {
            g.writeBooleanField("pm", false);
        }
        steps(g, "probe", p.probe());
        steps(g, "remove", p.remove());
        if (!p.idle().equals(IdleCallback.NONE)) {
            g.writeStringField("idle", p.idle().toString());
        }
        g.writeEndObject();
    }

    private static void steps(JsonGenerator g, String field, List<ProfileStep> steps) throws IOException {
        if (steps.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (ProfileStep s : steps) {
            g.writeString(s.toString());
        }
        g.writeEndArray();
    }

    private static void device(JsonGenerator g, DeviceSpec d) throws IOException {
        g.writeStartObject();
        g.writeStringField("bdf", d.bdf().toString());
        if (d.parent() != null) {
            g.writeStringField("parent", d.parent().toString());
        }
        g.writeStringField("class", hex(d.classCode(), 6));
        g.writeStringField("vendor", hex(d.vendor(), 4));
        g.writeStringField("device", hex(d.device(), 4));
        g.writeStringField("type", d.portType().word());
        if (d.pm() != null) {
            pm(g, d.pm());
        }
        if (d.sriov() != null) {
            sriov(g, d.sriov());
        }
        if (d.hotplug() != HotplugKind.NONE) {
            g.writeStringField("hotplug", d.hotplug().word());
        }
        flag(g, "slot", d.slot());
        flag(g, "flr", d.flr());
        flag(g, "wakeup", d.wakeup());
        if (d.acpi() != null) {
            acpi(g, d.acpi());
        }
        if (d.driver() != null) {
            g.writeStringField("driver", d.driver());
        }
        if (d.power() != null) {
            power(g, d.power());
        }
        // Absent means "derived from the class code", so only a different label (or none at all) is written.
        if (!PciClassNames.of(d.classCode()).equals(d.label())) {
            g.writeStringField("label", d.label());
        }
        g.writeEndObject();
    }

    /** Written in full: every bit of the capability register is worth seeing. */
    private static void pm(JsonGenerator g, PmCapability pm) throws IOException {
        g.writeObjectFieldStart("pm");
        g.writeBooleanField("d1", pm.d1());
        g.writeBooleanField("d2", pm.d2());
        g.writeBooleanField("noSoftReset", pm.noSoftReset());
        // The capability holds a set; print it in state order so the output is stable.
        g.writeArrayFieldStart("pme");
        for (var state : pm.pmeStates().stream().sorted().toList()) {
            g.writeString(state.label());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void sriov(JsonGenerator g, SriovCapability sriov) throws IOException {
        g.writeObjectFieldStart("sriov");
        g.writeNumberField("totalVfs", sriov.totalVfs());
        g.writeNumberField("vfOffset", sriov.vfOffset());
        g.writeNumberField("vfStride", sriov.vfStride());
        g.writeStringField("vfDeviceId", hex(sriov.vfDeviceId(), 4));
        g.writeEndObject();
    }

    private static void acpi(JsonGenerator g, AcpiDeviceSpec acpi) throws IOException {
        g.writeObjectFieldStart("acpi");
        g.writeStringField("path", acpi.path());
        flag(g, "ps0", acpi.ps0());
        flag(g, "ps3", acpi.ps3());
        flag(g, "psc", acpi.psc());
        names(g, "pr0", acpi.pr0());
        names(g, "pr3", acpi.pr3());
        if (acpi.s0w() != null) {
            g.writeNumberField("s0w", acpi.s0w());
        }
        flag(g, "prw", acpi.prw());
        flag(g, "hotplugSupportInD3", acpi.hotplugSupportInD3());
        flag(g, "ej0", acpi.ej0());
        g.writeEndObject();
    }

    /** Only the figures given: the others are the power model's. */
    private static void power(JsonGenerator g, PowerSpec power) throws IOException {
        g.writeObjectFieldStart("power");
        for (PhysicalState s : PhysicalState.values()) {
            Double w = power.watts(s);
            if (w != null) {
                g.writeNumberField(PowerSpec.field(s), w);
            }
        }
        g.writeEndObject();
    }

    /** Booleans default to false. */
    private static void flag(JsonGenerator g, String field, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(field, true);
        }
    }

    private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
        if (names.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (String name : names) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    private static String hex(int value, int digits) {
        String hex = Integer.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
