package org.pmlab.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Machine;
import org.pmlab.scenario.api.CompareRequest;
import org.pmlab.scenario.api.Phase;
import org.pmlab.scenario.api.ScenarioCell;
import org.pmlab.scenario.api.ScenarioRunner;
import org.pmlab.scenario.api.ScenarioTable;
import org.pmlab.sim.api.KernelVersion;

/**
 * {@code sim:compare}: the seed's table and the scenarios users need, computed. For each
 * scenario, kernel and firmware model a fresh machine is booted from the live machine's hardware,
 * the device is bound to vfio-pci and the scenario's steps run; each cell shows the device's and
 * its bridges' power_state after each step, how long they took to settle after the last step,
 * and their energy over the window.
 */
@Component(service = CompareCommand.class, property = {"osgi.command.scope=sim", "osgi.command.function=compare"})
public final class CompareCommand {

    /** {@code sim:compare}: one table per scenario. */
    record Comparison(List<ScenarioResult> scenarios) implements Rendered {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder();
            for (ScenarioResult t : scenarios) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(t.render());
            }
            return sb.toString();
        }
    }

    /**
     * One scenario: its device and bridges, the steps, and a cell per firmware and kernel.
     *
     * @param steps the steps after which the states are read ("bound", "open", ...)
     * @param windowS the energy window, in seconds
     */
    record ScenarioResult(String scenario, String description, Bdf device, List<Bdf> bridges, List<String> steps,
            double windowS, List<KernelVersion> kernels, List<String> firmware, List<Cell> cells) {

        String render() {
            String path = device + "/" + (bridges.isEmpty() ? "(root bus)" : String.join("/", bridges.stream()
                    .map(Bdf::toString).toList()));
            StringBuilder sb = new StringBuilder();
            sb.append(scenario).append(": ").append(device).append(", ").append(description).append('\n');
            sb.append("power_state of ").append(path).append(" after each step (")
                    .append(steps.isEmpty() ? "none" : String.join(" > ", steps))
                    .append("), time to settle after the last step, energy over ").append(seconds(windowS)).append('\n');
            String[] header = new String[kernels.size() + 1];
            header[0] = "FIRMWARE";
            for (int i = 0; i < kernels.size(); i++) {
                header[i + 1] = kernels.get(i).toString();
            }
            Table table = new Table(header);
            int c = 0;
            for (String f : firmware) {
                Object[] row = new Object[kernels.size() + 1];
                row[0] = f;
                for (int i = 0; i < kernels.size(); i++) {
                    row[i + 1] = cells.get(c++).render();
                }
                table.row(row);
            }
            return sb.append(table).toString();
        }

        private static String seconds(double s) {
            return s == Math.rint(s) ? (long) s + " s" : s + " s";
        }
    }

    /**
     * One scenario on one fresh machine.
     *
     * @param states the device's and its bridges' power_state after each step ("D3cold/D3cold")
     * @param settleS time from the last step until the device and its bridges stopped changing state
     * @param note why the scenario could not run as written, or null
     */
    record Cell(String firmware, KernelVersion kernel, List<String> states, double settleS, double joules,
            String note) {

        String render() {
            String s = (states.isEmpty() ? "-" : String.join(" > ", states)) + " "
                    + EnergyCommands.fixed(settleS, 3) + "s " + EnergyCommands.fixed(joules, 2) + "J";
            return note == null ? s : s + " (" + note + ")";
        }
    }

    private final Steps steps;
    private final ScenarioRunner runner;

    @Activate
    public CompareCommand(@Reference Steps steps, @Reference ScenarioRunner runner) {
        this.steps = steps;
        this.runner = runner;
    }

    @Descriptor("compare scenarios of a vfio-pci device across kernels and firmware: power_state after each step, "
            + "time to settle, energy")
    @Example("sim:compare")
    @Example("sim:compare --scenario open-close,hot-reset,sriov")
    @Example("sim:compare --scenario low-power --kernels 5.19,6.1 --firmware acpi-sim")
    @Example("sim:compare --scenario all --kernels all --device 0000:01:00.0 --window 30s")
    public Object compare(
            @Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false")
            boolean json,
            @Descriptor("comma-separated scenarios: bound-idle, open-close, hot-reset, sriov, low-power; or all (default: bound-idle)")
            @Parameter(names = {"-s", "--scenario"}, absentValue = "bound-idle") Args.ScenarioList scenarios,
            @Descriptor("the device, DDDD:BB:DD.F, or auto: the first endpoint with a PM capability (for sriov the first "
                    + "SR-IOV PF)") @Parameter(names = {"-d", "--device"}, absentValue = Args.AutoBdf.AUTO) Args.AutoBdf device,
            @Descriptor("comma-separated kernel versions, or all (default: 5.18,6.1)") @Parameter(names = {"-k", "--kernels"},
                    absentValue = "5.18,6.1") Args.KernelList kernels,
            @Descriptor("comma-separated firmware models (native = none), or all: every registered one (the default)")
            @Parameter(names = {"-f", "--firmware"}, absentValue = Args.ALL) Args.FirmwareList firmware,
            @Descriptor("the energy window from each scenario's start, e.g. 30s (default: 10s)") @Parameter(names = {"-w", "--window"},
                    absentValue = "10s") Duration window) {
        Machine live = steps.machine();
        List<String> known = steps.lab().firmwareNames();
        List<String> fws = firmware.all() ? known : firmware.names();
        if (fws.isEmpty()) {
            fws = List.of(FirmwareControl.NATIVE);
        }
        for (String f : fws) {
            if (!f.equals(FirmwareControl.NATIVE) && !known.contains(f)) {
                throw new UsageException("--firmware: no firmware named '" + f + "'; registered: "
                        + String.join(", ", known) + ", or native");
            }
        }
        Bdf bdf = null;
        if (!device.auto()) {
            if (live.pci().find(device.bdf()).isEmpty()) {
                throw new UsageException("--device: no PCI device " + device.bdf());
            }
            bdf = device.bdf();
        }
        if (window.isZero()) {
            throw new UsageException("--window: an energy window needs a length, e.g. 10s");
        }
        List<KernelVersion> ks = kernels.versions();
        List<ScenarioTable> tables = runner.compare(live, new CompareRequest(scenarios.scenarios(), ks, fws, bdf, window));
        List<ScenarioResult> out = new ArrayList<>();
        for (ScenarioTable t : tables) {
            List<Cell> cells = new ArrayList<>();
            for (ScenarioCell c : t.cells()) {
                cells.add(new Cell(c.firmware(), c.kernel(), c.phases().stream().map(Phase::states).toList(),
                        c.toLowestNs() / 1e9, c.joules(), c.note()));
            }
            List<String> stepNames = t.cells().isEmpty() ? List.of()
                    : t.cells().get(0).phases().stream().map(Phase::name).toList();
            out.add(new ScenarioResult(t.scenario().word(), t.scenario().description(), t.device(), t.bridges(), stepNames,
                    t.windowNs() / 1e9, ks, fws, cells));
        }
        Comparison c = new Comparison(out);
        return json ? new Json(c) : c;
    }
}
