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

    /** {@code pm:link}'s actions. */
    enum LinkAction implements Word {
        ADD("add", "device_link_add: CONSUMER depends on SUPPLIER"),
        REMOVE("remove", "device_link_remove (a stateless link only)");

        private final String word;
        private final String description;

        LinkAction(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** One line of {@code pm:links}. */
    record Row(String supplier, String consumer, String flags, String status, int rpmActive) {
    }

    private final Steps steps;

    @Activate
    public LinkCommands(@Reference Steps steps) {
        this.steps = steps;
    }

    @Descriptor("add or remove a device link: CONSUMER depends on SUPPLIER (device_link_add, device_link_remove)")
    @Example("pm:link add 0000:03:00.1 0000:03:00.0")
    @Example("pm:link --flags stateless,pm-runtime,rpm-active add c p")
    public String link(
            @Descriptor("link flags, comma-separated: stateless, pm-runtime, rpm-active, autoremove-consumer, "
                    + "autoremove-supplier, autoprobe-consumer, sync-state-only, inferred, cycle")
            @Parameter(names = {"-f", "--flags"}, absentValue = "stateless,pm-runtime") String flags,
            @Descriptor("add or remove") LinkAction action,
            @Descriptor("the consumer device") Args.DeviceName consumer,
            @Descriptor("the supplier device") Args.DeviceName supplier) {
        Machine m = steps.machine();
        PmDevice c = m.pmDevices().get(consumer.text());
        PmDevice s = m.pmDevices().get(supplier.text());
        java.util.Set<DeviceLinkFlag> parsed;
        try {
            parsed = parseFlags(flags);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--flags: " + e.getMessage());
        }
        int mark = steps.begin(m);
        switch (action) {
            case ADD -> {
                PmDeviceLink l = m.pmDevices().linkAdd(c, s, parsed).orElseThrow(() ->
                        new IllegalStateException("device_link_add returned NULL: " + supplier + " could not be resumed"));
                return steps.end(m, mark, l.name());
            }
            case REMOVE -> {
                if (!m.pmDevices().linkRemove(c, s)) {
                    String out = steps.end(m, mark, null);
                    throw new IllegalStateException(m.pmDevices().suppliers(c).stream().anyMatch(l -> l.supplier() == s)
                            ? "the link " + supplier + " -> " + consumer + " is managed: it goes only with one of its devices"
                            : "no link from " + consumer + " to " + supplier + (out == null ? "" : " (" + out + ")"));
                }
                return steps.end(m, mark, null);
            }
            default -> throw new IllegalStateException("unhandled " + action);
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
    public Object links(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Machine m = steps.machine();
        java.util.List<Row> rows = new java.util.ArrayList<>();
        for (PmDevice d : m.pmDevices().all()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d)) {
                rows.add(new Row(l.supplier().name(), l.consumer().name(), flagText(l.flags()), l.status().word(),
                        l.rpmActive()));
            }
        }
        Rows<Row> r = Rows.of(Row.class, rows);
        return json ? new Json(r) : r;
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
