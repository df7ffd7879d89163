package org.pmlab.shell.internal;

import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;

/** The {@code fw:} scope: which firmware model answers the platform hooks, swapping it live, its state. */
@Component(service = FwCommands.class, property = {"osgi.command.scope=fw",
    "osgi.command.function=list", "osgi.command.function=use", "osgi.command.function=show"})
public final class FwCommands {

    private static final String NATIVE = "native";

    private final Steps steps;
    private final Settings settings;

    @Activate
    public FwCommands(@Reference Steps steps, @Reference Settings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    @Descriptor("list the firmware models and which one is active")
    public String list() {
        Lab lab = steps.lab();
        String active = steps.machine().firmware().activeName();
        Table t = new Table("NAME", "ACTIVE", "DESCRIPTION");
        for (String n : lab.firmwareNames()) {
            t.row(n, n.equals(active) ? "*" : "", lab.firmwareDescription(n));
        }
        t.row(NATIVE, NATIVE.equals(active) ? "*" : "", "no firmware: native PCI PM only (the PCI core's defaults)");
        return t.toString();
    }

    @Descriptor("swap the firmware model live (through Config Admin); 'native' unbinds any")
    public String use(@Descriptor("firmware name, or native") String name) {
        Lab lab = steps.lab();
        if (!name.equals(NATIVE) && !lab.firmwareNames().contains(name)) {
            throw new IllegalArgumentException("no firmware named '" + name + "'; registered: "
                    + String.join(", ", lab.firmwareNames()) + ", or native");
        }
        Machine m = steps.machine();
        if (m.firmware().activeName().equals(name)) {
            return name + " is already active";
        }
        int mark = steps.begin(m);
        String target = name.equals(NATIVE) ? "(!(firmware.name=*))" : "(firmware.name=" + name + ")";
        settings.set(Lab.PLATFORM_PID, "firmware.target", target, x -> x.firmware().activeName().equals(name));
        return steps.end(m, mark, "firmware " + name + " active");
    }

    @Descriptor("show the active firmware's state: power resources and each device's platform state")
    public String show() {
        Machine m = steps.machine();
        StringBuilder sb = new StringBuilder("firmware: " + m.firmware().activeName());
        PlatformPm ops = m.firmware().ops().orElse(null);
        if (ops == null) {
            return sb.append(" (native PCI PM: no platform power management)").toString();
        }
        var resources = ops.powerResources();
        if (resources.isEmpty()) {
            sb.append("\npower resources: none");
        } else {
            Table t = new Table("RESOURCE", "STATE", "REFS", "USERS", "_ON", "_OFF");
            for (PowerResourceView r : resources) {
                t.row(r.name(), r.on() ? "on" : "off", r.refCount(), r.users().isEmpty() ? "-" : String.join(",", r.users()),
                        r.onCount(), r.offCount());
            }
            sb.append("\n").append(t);
        }
        Map<Bdf, String> states = ops.deviceStates();
        if (!states.isEmpty()) {
            Table t = new Table("DEVICE", "PLATFORM_STATE", "POWER_STATE");
            states.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.row(e.getKey(), e.getValue(),
                    m.pci().get(e.getKey()).currentState().label()));
            sb.append("\n").append(t);
        }
        return sb.toString();
    }
}
