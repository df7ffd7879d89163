package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.KernelVersion;

/**
 * {@code sim:compare}: the seed's table, computed. For each kernel and firmware model a fresh
 * machine is booted from the live machine's hardware, the device is bound to vfio-pci and left
 * unused, time runs until idle, and the device's and its upstream bridge's power_state are read.
 */
@Component(service = Object.class, property = {"osgi.command.scope=sim", "osgi.command.function=compare"})
public final class CompareCommand {

    private static final String DRIVER = "vfio-pci";

    private final Steps steps;

    @Activate
    public CompareCommand(@Reference Steps steps) {
        this.steps = steps;
    }

    @Example("sim:compare")
    @Example("sim:compare --kernels 5.18,5.19,6.1 --firmware acpi-sim")
    @Descriptor("compare the power_state of an unused vfio-pci device and its upstream bridge across kernels and firmware")
    public String compare(
            @Descriptor("the device") @Parameter(names = {"-d", "--device"}, absentValue = "0000:01:00.0") Bdf deviceBdf,
            @Descriptor("comma-separated kernel versions") @Parameter(names = {"-k", "--kernels"},
                    absentValue = "5.18,6.1") String kernels,
            @Descriptor("comma-separated firmware models (default: every registered one; native = none)")
            @Parameter(names = {"-f", "--firmware"}, absentValue = "") String firmware) {
        Lab lab = steps.lab();
        BootSpec live = steps.machine().bootSpec();
        PciDevice dev = steps.machine().pci().get(deviceBdf);
        Bdf device = dev.bdf();
        String bridge = dev.upstreamBridge().map(b -> b.bdf().toString()).orElse(null);
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
        List<String> fws = firmware.isBlank() ? lab.firmwareNames() : split(firmware);
        if (fws.isEmpty()) {
            fws = List.of(FirmwareControl.NATIVE);
        }
        for (String f : fws) {
            if (!f.equals(FirmwareControl.NATIVE) && !lab.firmwareNames().contains(f)) {
                throw new UsageException("--firmware: no firmware named '" + f + "'; registered: "
                        + String.join(", ", lab.firmwareNames()) + ", or native");
            }
        }
        String[] header = new String[ks.size() + 1];
        header[0] = "FIRMWARE";
        for (int i = 0; i < ks.size(); i++) {
            header[i + 1] = ks.get(i).toString();
        }
        Table t = new Table(header);
        for (String f : fws) {
            Object[] row = new Object[ks.size() + 1];
            row[0] = f;
            for (int i = 0; i < ks.size(); i++) {
                BootSpec spec = live.withKernel(ks.get(i)).withFirmware(f.equals(FirmwareControl.NATIVE) ? null : f);
                row[i + 1] = cell(lab.boot(spec), device);
            }
            t.row(row);
        }
        String heading = "power_state of " + device + " / its upstream bridge "
                + (bridge == null ? "(none: root bus)" : bridge) + ", bound to vfio-pci, unused, settled";
        return heading + "\n" + t;
    }

    /** Binds the device to vfio-pci the usual way, settles, and reads device/bridge. */
    private static String cell(Machine m, Bdf bdf) {
        PciBus bus = m.pci();
        if (!bus.drivers().contains(DRIVER)) {
            throw new IllegalStateException("vfio-pci is not loaded on the booted machines");
        }
        PciDevice d = bus.get(bdf);
        int r = bus.setDriverOverride(bdf, DRIVER);
        if (r == 0 && d.driver().isPresent() && !d.driver().get().equals(DRIVER)) {
            r = bus.unbind(bdf);
        }
        if (r == 0 && d.driver().isEmpty()) {
            r = bus.bind(bdf, DRIVER);
        }
        m.clock().settle();
        if (r < 0) {
            return "bind " + Errno.describe(r);
        }
        String up = d.upstreamBridge().map(b -> b.currentState().label()).orElse("-");
        return d.currentState().label() + "/" + up;
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
