package org.pmlab.shell.internal;

import java.util.EnumSet;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Machine;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;

/**
 * {@code pm:link}: device links between devices of the live machine ({@code device_link_add},
 * {@code device_link_remove}, drivers/base/core.c), and {@code pm:links}, every link with its
 * flags, status and {@code rpm_active}.
 */
@Component(service = LinkCommands.class, property = {"osgi.command.scope=pm", "osgi.command.function=link",
    "osgi.command.function=links"})
public final class LinkCommands {

    private final Steps steps;

    @Activate
    public LinkCommands(@Reference Steps steps) {
        this.steps = steps;
    }

    @Descriptor("add or remove a device link: CONSUMER depends on SUPPLIER (device_link_add, device_link_remove)")
    public String link(
            @Descriptor("link flags, comma-separated: stateless, pm-runtime, rpm-active, autoremove-consumer, "
                    + "autoremove-supplier, autoprobe-consumer, sync-state-only, inferred, cycle")
            @Parameter(names = {"-f", "--flags"}, absentValue = "stateless,pm-runtime") String flags,
            @Descriptor("add or remove") String action,
            @Descriptor("the consumer device") String consumer,
            @Descriptor("the supplier device") String supplier) {
        Machine m = steps.machine();
        PmDevice c = m.pmDevices().get(consumer);
        PmDevice s = m.pmDevices().get(supplier);
        int mark = steps.begin(m);
        switch (action) {
            case "add" -> {
                PmDeviceLink l = m.pmDevices().linkAdd(c, s, parseFlags(flags)).orElseThrow(() ->
                        new IllegalStateException("device_link_add returned NULL: " + supplier + " could not be resumed"));
                return steps.end(m, mark, l.name());
            }
            case "remove" -> {
                if (!m.pmDevices().linkRemove(c, s)) {
                    String out = steps.end(m, mark, null);
                    throw new IllegalStateException(m.pmDevices().suppliers(c).stream().anyMatch(l -> l.supplier() == s)
                            ? "the link " + supplier + " -> " + consumer + " is managed: it goes only with one of its devices"
                            : "no link from " + consumer + " to " + supplier + (out == null ? "" : " (" + out + ")"));
                }
                return steps.end(m, mark, null);
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "': expected add or remove");
        }
    }

    static Set<DeviceLinkFlag> parseFlags(String text) {
        EnumSet<DeviceLinkFlag> set = EnumSet.noneOf(DeviceLinkFlag.class);
        if (text.isBlank() || text.equals("none")) {
            return set;
        }
        for (String f : text.split(",")) {
            DeviceLinkFlag flag = DeviceLinkFlag.parse(f);
            if (flag == DeviceLinkFlag.MANAGED) {
                throw new IllegalArgumentException("the managed flag is set by the core, not by the caller");
            }
            set.add(flag);
        }
        return set;
    }

    @Descriptor("list every device link: supplier, consumer, flags, status and rpm_active")
    public String links() {
        Machine m = steps.machine();
        Table t = new Table("SUPPLIER", "CONSUMER", "FLAGS", "STATUS", "RPM_ACTIVE");
        for (PmDevice d : m.pmDevices().all()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d)) {
                t.row(l.supplier().name(), l.consumer().name(), flagText(l.flags()), l.status().word(), l.rpmActive());
            }
        }
        return t.toString();
    }

    /** Flags as the kernel names them, without the DL_FLAG_ prefix: "STATELESS|PM_RUNTIME". */
    static String flagText(Set<DeviceLinkFlag> flags) {
        StringBuilder sb = new StringBuilder();
        for (DeviceLinkFlag f : flags) {
            sb.append(sb.length() == 0 ? "" : "|").append(f.name());
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
