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
    CommandCatalog.SCOPE_DESCRIPTION + "=the simulation: time, kernel version and parameters, kernel log, faults, comparisons",
    "osgi.command.function=advance", "osgi.command.function=settle", "osgi.command.function=time",
    "osgi.command.function=kernel", "osgi.command.function=param", "osgi.command.function=dmesg",
    "osgi.command.function=autosettle"})
public final class SimCommands {

    /** The parameters {@code sim:param} reads and writes. */
    enum Param implements Word {
        PCIE_PORT_PM("pcie_port_pm", "kernel parameter pcie_port_pm=: default, off or force (reboots the host)"),
        BIOS_YEAR("bios_year", "the BIOS date's year, which decides bridge D3 on older platforms (reboots the host)"),
        AUTOSETTLE("autosettle", "on or off: let time run until idle after each command"),
        SETTLE_LIMIT("settle_limit", "how many work items one settle may run before it reports a livelock (read-only: "
                + "sized to the machine)");

        private final String word;
        private final String description;

        Param(String word, String description) {
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

    /** {@code sim:param}'s view. */
    record Params(String pciePortPm, int biosYear, OnOff autosettle, int settleLimit) {
    }

    private final Steps steps;
    private final Settings settings;

    @Activate
    public SimCommands(@Reference Steps steps, @Reference Settings settings) {
        this.steps = steps;
        this.settings = settings;
    }

    @Descriptor("move simulated time forward, running the work and timers that fall due")
    @Example("sim:advance 100ms")
    public String advance(@Descriptor("how long, with its unit: 100ms, 1.5s, 250us, 10ns") Duration duration) {
        Machine m = steps.machine();
        int mark = m.log().size();
        m.clock().advance(duration);
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

    @Descriptor("show the kernel version the simulated host runs; with a version, reboot into it")
    public String kernel() {
        return steps.machine().kernel() + " (modelled: " + KernelVersion.MODELLED + ")";
    }

    @Descriptor("boot the simulated host into another kernel version (a fresh machine)")
    @Example("sim:kernel 5.18")
    public String kernel(@Descriptor("5.18, 5.19, 6.0, 6.1 or 6.18") KernelVersion version) {
        long before = steps.machine().id();
        settings.set(KernelVersion.PID, "version", version.toString(),
                m -> m.id() != before && m.kernel().equals(version));
        return "rebooted into kernel " + version;
    }

    @Descriptor("show or set the kernel parameters and platform settings")
    public Params param() {
        Machine m = steps.machine();
        return new Params(m.bootSpec().pciePortPm().word(), m.bootSpec().topology().platform().biosYear(),
                steps.autosettle() ? OnOff.ON : OnOff.OFF, m.clock().settleLimit());
    }

    @Descriptor("show one kernel parameter or platform setting")
    public String param(@Descriptor("the parameter") Param name) {
        Params p = param();
        return switch (name) {
            case PCIE_PORT_PM -> p.pciePortPm();
            case BIOS_YEAR -> Integer.toString(p.biosYear());
            case AUTOSETTLE -> p.autosettle().word();
            case SETTLE_LIMIT -> Integer.toString(p.settleLimit());
        };
    }

    @Descriptor("set a kernel parameter or platform setting; pcie_port_pm and bios_year reboot the host")
    @Example("sim:param pcie_port_pm off")
    @Example("sim:param bios_year 2014")
    public String param(@Descriptor("the parameter") Param name, @Descriptor("its new value") String value) {
        long before = steps.machine().id();
        switch (name) {
            case PCIE_PORT_PM -> {
                PciePortPm p;
                try {
                    p = PciePortPm.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("VALUE: " + e.getMessage());
                }
                settings.set(KernelVersion.PID, "pcie_port_pm", p.word(),
                        m -> m.id() != before && m.bootSpec().pciePortPm() == p);
                return "rebooted with pcie_port_pm=" + p.word();
            }
            case BIOS_YEAR -> {
                int year;
                try {
                    year = (int) Args.Int.parseRange(value, "a year", 1990, 2100);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("VALUE: " + e.getMessage());
                }
                settings.set(Lab.PLATFORM_PID, "bios_year", year,
                        m -> m.id() != before && m.bootSpec().topology().platform().biosYear() == year);
                return "rebooted with BIOS year " + year;
            }
            case AUTOSETTLE -> {
                OnOff on;
                try {
                    on = Args.word(OnOff.class, value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("VALUE: " + e.getMessage());
                }
                return autosettle(on);
            }
            case SETTLE_LIMIT -> throw new IllegalArgumentException("settle_limit is sized to the machine (at least "
                    + SimClock.SETTLE_LIMIT + " work items, more on a machine with many devices) and cannot be set");
            default -> throw new IllegalStateException("unhandled " + name);
        }
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

    @Descriptor("whether commands let simulated time run until idle after each step (on by default)")
    public String autosettle() {
        return steps.autosettle() ? "on" : "off";
    }

    @Descriptor("on: settle after each command (default); off: step time by hand with sim:advance and sim:settle")
    @Example("sim:autosettle off")
    public String autosettle(@Descriptor("on or off") OnOff value) {
        steps.autosettle(value == OnOff.ON);
        return null;
    }
}
