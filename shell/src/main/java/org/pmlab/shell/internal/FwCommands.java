package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;

/** The {@code fw:} scope: which firmware model answers the platform hooks, swapping it live, its state. */
@Component(service = FwCommands.class, property = {"osgi.command.scope=fw",
    CommandCatalog.SCOPE_DESCRIPTION + "=platform firmware: which model answers the platform hooks, swapped live",
    "osgi.command.function=list", "osgi.command.function=use", "osgi.command.function=show"})
public final class FwCommands {

    /** One line of {@code fw:list}. */
    record Row(String name, String active, String description) {
    }

    /** One power resource in {@code fw:show}. */
    record Resource(String resource, String state, int refs, List<String> users, @Column("_ON") int on,
            @Column("_OFF") int off) {
    }

    /** One device's platform state in {@code fw:show}. */
    record DeviceState(Bdf device, String platformState, String powerState) {
    }

    /** {@code fw:show}. */
    record State(String firmware, List<Resource> resources, List<DeviceState> devices) implements Rendered {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder("firmware: " + firmware);
            if (resources == null) {
                return sb.append(" (native PCI PM: no platform power management)").toString();
            }
            sb.append('\n').append(resources.isEmpty() ? "power resources: none" : Views.table(Rows.of(Resource.class, resources)));
            if (!devices.isEmpty()) {
                sb.append('\n').append(Views.table(Rows.of(DeviceState.class, devices)));
            }
            return sb.toString();
        }
    }

    private final Steps steps;
    private final Settings settings;

    @Activate
    public FwCommands(@Reference Steps steps, @Reference Settings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    @Descriptor("list the firmware models and which one is active")
    public Object list(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Lab lab = steps.lab();
        String active = steps.machine().firmware().activeName();
        List<Row> rows = new ArrayList<>();
        for (String n : lab.firmwareNames()) {
            rows.add(new Row(n, n.equals(active) ? "*" : "", lab.firmwareDescription(n)));
        }
        rows.add(new Row(FirmwareControl.NATIVE, FirmwareControl.NATIVE.equals(active) ? "*" : "", "no firmware: native PCI PM only (the PCI core's defaults)"));
        Rows<Row> r = Rows.of(Row.class, rows);
        return json ? new Json(r) : r;
    }

    @Descriptor("swap the firmware model live (through Config Admin); 'native' unbinds any")
    @Example("fw:use nod3cold")
    public String use(@Descriptor("a firmware name (fw:list shows them), or native") Args.FirmwareName firmware) {
        String name = firmware.text();
        Lab lab = steps.lab();
        if (!name.equals(FirmwareControl.NATIVE) && !lab.firmwareNames().contains(name)) {
            throw new IllegalArgumentException("no firmware named '" + name + "'; registered: "
                    + String.join(", ", lab.firmwareNames()) + ", or native");
        }
        Machine m = steps.machine();
        if (m.firmware().activeName().equals(name)) {
            return name + " is already active";
        }
        int mark = steps.begin(m);
        String target = FirmwareControl.targetFilter(name);
        settings.set(Lab.PLATFORM_PID, "firmware.target", target, x -> x.firmware().activeName().equals(name));
        return steps.end(m, mark, "firmware " + name + " active");
    }

    @Descriptor("show the active firmware's state: power resources and each device's platform state")
    public Object show(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Machine m = steps.machine();
        String fw = m.firmware().activeName();
        PlatformPm ops = m.firmware().ops().orElse(null);
        State state;
        if (ops == null) {
            state = new State(fw, null, List.of());
        } else {
            List<Resource> resources = new ArrayList<>();
            for (PowerResourceView r : ops.powerResources()) {
                resources.add(new Resource(r.name(), r.on() ? "on" : "off", r.refCount(), List.copyOf(r.users()),
                        r.onCount(), r.offCount()));
            }
            List<DeviceState> devices = new ArrayList<>();
            ops.deviceStates().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> devices.add(
                    new DeviceState(e.getKey(), e.getValue(), m.pci().get(e.getKey()).currentState().label())));
            state = new State(fw, resources, devices);
        }
        return json ? new Json(state) : state;
    }
}
