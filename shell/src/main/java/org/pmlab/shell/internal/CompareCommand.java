package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
import org.pmlab.scenario.api.Scenario;
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
@Component(service = Object.class, property = {"osgi.command.scope=sim", "osgi.command.function=compare"})
public final class CompareCommand {

    private final Steps steps;
    private final ScenarioRunner runner;

    @Activate
    public CompareCommand(@Reference Steps steps, @Reference ScenarioRunner runner) {
        this.steps = steps;
        this.runner = runner;
    }

    @Example("sim:compare")
    @Example("sim:compare --scenario open-close,hot-reset,sriov")
    @Example("sim:compare --scenario low-power --kernels 5.19,6.1 --firmware acpi-sim")
    @Descriptor("compare scenarios of a vfio-pci device across kernels and firmware: power_state after each step, "
            + "time to settle, energy")
    public String compare(
            @Descriptor("comma-separated scenarios: bound-idle, open-close, hot-reset, sriov, low-power")
            @Parameter(names = {"-s", "--scenario"}, absentValue = "bound-idle") String scenarios,
            @Descriptor("the device, DDDD:BB:DD.F (default: the first endpoint with a PM capability; for sriov the first "
                    + "SR-IOV PF)") @Parameter(names = {"-d", "--device"}, absentValue = "") String deviceText,
            @Descriptor("comma-separated kernel versions") @Parameter(names = {"-k", "--kernels"},
                    absentValue = "5.18,6.1") String kernels,
            @Descriptor("comma-separated firmware models (default: every registered one; native = none)")
            @Parameter(names = {"-f", "--firmware"}, absentValue = "") String firmware,
            @Descriptor("energy window from each scenario's start, e.g. 10s") @Parameter(names = {"-w", "--window"},
                    absentValue = "10s") String window) {
        Machine live = steps.machine();
        List<Scenario> ss = new ArrayList<>();
        for (String s : split(scenarios)) {
            try {
                ss.add(Scenario.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--scenario: " + e.getMessage());
            }
        }
        if (ss.isEmpty()) {
            throw new UsageException("--scenario: no scenario given");
        }
        List<KernelVersion> ks = new ArrayList<>();
        for (String k : split(kernels)) {
            try {
                ks.add(KernelVersion.parse(k));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--kernels: " + e.getMessage());
            }
        }
        if (ks.isEmpty()) {
            throw new UsageException("--kernels: no kernel version given");
        }
        List<String> fws = firmware.isBlank() ? steps.lab().firmwareNames() : split(firmware);
        if (fws.isEmpty()) {
            fws = List.of(FirmwareControl.NATIVE);
        }
        for (String f : fws) {
            if (!f.equals(FirmwareControl.NATIVE) && !steps.lab().firmwareNames().contains(f)) {
                throw new UsageException("--firmware: no firmware named '" + f + "'; registered: "
                        + String.join(", ", steps.lab().firmwareNames()) + ", or native");
            }
        }
        Bdf device = null;
        if (!deviceText.isBlank()) {
            try {
                device = Bdf.parse(deviceText);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--device: " + e.getMessage());
            }
            device = live.pci().get(device).bdf();
        }
        long windowNs;
        try {
            windowNs = DurationText.parse(window).toNanos();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--window: " + e.getMessage());
        }
        List<ScenarioTable> tables = runner.compare(live,
                new CompareRequest(ss, ks, fws, device, java.time.Duration.ofNanos(windowNs)));
        StringBuilder sb = new StringBuilder();
        for (ScenarioTable t : tables) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(render(t, ks, fws));
        }
        return sb.toString();
    }

    private static String render(ScenarioTable t, List<KernelVersion> ks, List<String> fws) {
        String bridges = t.bridges().isEmpty() ? "(root bus)" : t.bridges().stream().map(Bdf::toString)
                .collect(Collectors.joining("/"));
        String stepNames = t.cells().get(0).phases().stream().map(Phase::name).collect(Collectors.joining(" > "));
        StringBuilder sb = new StringBuilder();
        sb.append(t.scenario().word()).append(": ").append(t.device()).append(", ").append(t.scenario().description())
                .append('\n');
        sb.append("power_state of ").append(t.device()).append('/').append(bridges).append(" after each step (")
                .append(stepNames.isEmpty() ? "none" : stepNames).append("), time to settle after the last step, energy over ")
                .append(DurationText.seconds(t.windowNs()).replace(".000000 s", " s")).append('\n');
        String[] header = new String[ks.size() + 1];
        header[0] = "FIRMWARE";
        for (int i = 0; i < ks.size(); i++) {
            header[i + 1] = ks.get(i).toString();
        }
        Table table = new Table(header);
        int c = 0;
        for (String f : fws) {
            Object[] row = new Object[ks.size() + 1];
            row[0] = f;
            for (int i = 0; i < ks.size(); i++) {
                row[i + 1] = cell(t.cells().get(c++));
            }
            table.row(row);
        }
        return sb.append(table).toString();
    }

    private static String cell(ScenarioCell c) {
        String states = c.phases().stream().map(Phase::states).collect(Collectors.joining(" > "));
        String s = (states.isEmpty() ? "-" : states) + String.format(" %.3fs %.2fJ", c.toLowestNs() / 1e9, c.joules());
        return c.note() == null ? s : s + " (" + c.note() + ")";
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
