package org.pmlab.shell.internal;

import java.time.Duration;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.LogLine;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.sim.api.PendingWork;
import org.pmlab.sim.api.SimClock;

/** The {@code sim:} scope: simulated time, the kernel version and parameters, the kernel log. */
@Component(service = SimCommands.class, property = {"osgi.command.scope=sim",
    "osgi.command.function=advance", "osgi.command.function=settle", "osgi.command.function=time",
    "osgi.command.function=kernel", "osgi.command.function=param", "osgi.command.function=dmesg",
    "osgi.command.function=autosettle"})
public final class SimCommands {

    private final Steps steps;
    private final Settings settings;

    @Activate
    public SimCommands(@Reference Steps steps, @Reference Settings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    @Descriptor("move simulated time forward, running the work and timers that fall due")
    public String advance(@Descriptor("how long, e.g. 100ms or 1.5s") String howLong) {
        Duration d = DurationText.parse(howLong);
        Machine m = steps.machine();
        int mark = m.log().size();
        m.clock().advance(d);
        return Steps.withLog(m.log(), mark, "time " + DurationText.seconds(m.clock().nanoTime()));
    }

    @Descriptor("run queued work and timers until the machine is idle")
    public String settle() {
        Machine m = steps.machine();
        int mark = m.log().size();
        int n = Steps.settle(m, "sim:settle");
        return Steps.withLog(m.log(), mark, "settled at " + DurationText.seconds(m.clock().nanoTime()) + " (" + n
                + " work items)");
    }

    @Descriptor("show simulated time and the pending work")
    public String time() {
        Machine m = steps.machine();
        StringBuilder sb = new StringBuilder("time " + DurationText.seconds(m.clock().nanoTime()));
        for (PendingWork w : m.clock().pending()) {
            sb.append("\n  at ").append(DurationText.seconds(w.dueNs())).append("  ").append(w.description());
        }
        return sb.toString();
    }

    @Descriptor("show the kernel version the simulated host runs")
    public String kernel() {
        return steps.machine().kernel() + " (modelled: " + KernelVersion.MODELLED + ")";
    }

    @Descriptor("boot the simulated host into another kernel version (a fresh machine)")
    public String kernel(@Descriptor("5.18, 5.19, 6.0, 6.1 or 6.18") String versionText) {
        KernelVersion version = KernelVersion.parse(versionText);
        long before = steps.machine().id();
        settings.set(KernelVersion.PID, "version", version.toString(),
                m -> m.id() != before && m.kernel().equals(version));
        return "rebooted into kernel " + version;
    }

    @Descriptor("show the kernel parameters and platform settings")
    public String param() {
        Machine m = steps.machine();
        return new KeyValues()
                .put("pcie_port_pm", m.bootSpec().pciePortPm().word())
                .put("bios_year", m.bootSpec().topology().platform().biosYear())
                .put("autosettle", steps.autosettle() ? "on" : "off")
                .put("settle_limit", m.clock().settleLimit())
                .toString();
    }

    @Descriptor("show one kernel parameter or platform setting")
    public String param(@Descriptor("pcie_port_pm, bios_year, autosettle or settle_limit") String name) {
        Machine m = steps.machine();
        return switch (name) {
            case "pcie_port_pm" -> m.bootSpec().pciePortPm().word();
            case "bios_year" -> Integer.toString(m.bootSpec().topology().platform().biosYear());
            case "autosettle" -> steps.autosettle() ? "on" : "off";
            case "settle_limit" -> Integer.toString(m.clock().settleLimit());
            default -> throw unknownParam(name);
        };
    }

    @Descriptor("set a kernel parameter or platform setting; pcie_port_pm and bios_year reboot the host")
    public String param(@Descriptor("pcie_port_pm, bios_year or autosettle") String name,
            @Descriptor("the value") String value) {
        long before = steps.machine().id();
        switch (name) {
            case "pcie_port_pm" -> {
                PciePortPm p = PciePortPm.parse(value);
                settings.set(KernelVersion.PID, "pcie_port_pm", p.word(),
                        m -> m.id() != before && m.bootSpec().pciePortPm() == p);
                return "rebooted with pcie_port_pm=" + p.word();
            }
            case "bios_year" -> {
                int year;
                try {
                    year = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad bios_year '" + value + "': expected a year such as 2014");
                }
                if (year < 1990 || year > 2100) {
                    throw new IllegalArgumentException("bad bios_year " + year + ": expected 1990-2100");
                }
                settings.set(Lab.PLATFORM_PID, "bios_year", year,
                        m -> m.id() != before && m.bootSpec().topology().platform().biosYear() == year);
                return "rebooted with BIOS year " + year;
            }
            case "autosettle" -> {
                return autosettle(value);
            }
            case "settle_limit" -> throw new IllegalArgumentException("settle_limit is sized to the machine (at least "
                    + SimClock.SETTLE_LIMIT + " work items, more on a machine with many devices) and cannot be set");
            default -> throw unknownParam(name);
        }
    }

    private static IllegalArgumentException unknownParam(String name) {
        return new IllegalArgumentException("unknown parameter '" + name + "': expected pcie_port_pm, bios_year, autosettle or settle_limit");
    }

    @Descriptor("print the kernel log")
    public String dmesg() {
        StringBuilder sb = new StringBuilder();
        for (LogLine l : steps.machine().log().lines()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(l.line());
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Descriptor("whether commands let simulated time run until idle after each step")
    public String autosettle() {
        return steps.autosettle() ? "on" : "off";
    }

    @Descriptor("on: settle after each command (default); off: step time by hand with sim:advance and sim:settle")
    public String autosettle(@Descriptor("on or off") String value) {
        switch (value) {
            case "on" -> steps.autosettle(true);
            case "off" -> steps.autosettle(false);
            default -> throw new IllegalArgumentException("bad value '" + value + "': expected on or off");
        }
        return null;
    }
}
