package org.pmlab.scenario.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.energy.api.PowerModel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.scenario.api.CompareRequest;
import org.pmlab.scenario.api.Phase;
import org.pmlab.scenario.api.Scenario;
import org.pmlab.scenario.api.ScenarioCell;
import org.pmlab.scenario.api.ScenarioRunner;
import org.pmlab.scenario.api.ScenarioTable;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.vfio.api.VfioService;

/**
 * {@code sim:compare}: each scenario on a fresh machine per kernel and firmware, booted from the
 * live machine's hardware and command line; the states after each step, how long the device and
 * its bridges took to settle after the last step, and their energy over the window.
 */
@Component(service = ScenarioRunner.class)
public final class ScenarioRunnerComponent implements ScenarioRunner {

    static final String NATIVE = "native";

    private final Lab lab;
    private final VfioService vfio;
    private final PowerModel power;

    @Activate
    public ScenarioRunnerComponent(@Reference Lab lab, @Reference VfioService vfio, @Reference PowerModel power) {
        this.lab = lab;
        this.vfio = vfio;
        this.power = power;
    }

    @Override
    public List<ScenarioTable> compare(Machine like, CompareRequest r) {
        for (String f : r.firmware()) {
            if (!f.equals(NATIVE) && !lab.firmwareNames().contains(f)) {
                throw new IllegalArgumentException("no firmware named '" + f + "'; registered: "
                        + String.join(", ", lab.firmwareNames()) + ", or native");
            }
        }
        BootSpec spec = like.bootSpec();
        // every scenario's device checked before the first machine boots
        List<PciDevice> devices = new ArrayList<>();
        for (Scenario s : r.scenarios()) {
            Bdf device = r.device() != null ? r.device() : Fresh.defaultDevice(spec.topology(), s == Scenario.SRIOV);
            PciDevice d = like.pci().find(device).orElseThrow(() -> new IllegalArgumentException("no PCI device " + device));
            if (d.isBridge() || d.spec().portType() == org.pmlab.hw.api.PortType.HOST_BRIDGE) {
                // vfio_pci_probe: only a normal (type 0) header
                throw new IllegalArgumentException(device + " is a bridge: sim:compare runs its scenarios on an endpoint "
                        + "vfio-pci can bind");
            }
            if (s == Scenario.SRIOV && (d.spec().sriov() == null || d.isVirtfn())) {
                throw new IllegalArgumentException(device + " is not an SR-IOV PF: the sriov scenario needs one");
            }
            devices.add(d);
        }
        List<ScenarioTable> tables = new ArrayList<>();
        for (int i = 0; i < r.scenarios().size(); i++) {
            Scenario s = r.scenarios().get(i);
            PciDevice d = devices.get(i);
            Bdf device = d.bdf();
            List<ScenarioCell> cells = new ArrayList<>();
            for (String f : r.firmware()) {
                for (KernelVersion k : r.kernels()) {
                    Machine m = lab.boot(spec.withKernel(k).withFirmware(f.equals(NATIVE) ? null : f));
                    cells.add(run(s, new Fresh(m, vfio, device), f, k, r.window().toNanos()));
                }
            }
            tables.add(new ScenarioTable(s, device, Fresh.bridgesAbove(d), r.window().toNanos(), cells));
        }
        return tables;
    }

    private ScenarioCell run(Scenario s, Fresh x, String firmware, KernelVersion k, long window) {
        x.m.clock().settle();
        long start = x.m.clock().nanoTime();
        List<Phase> phases = new ArrayList<>();
        String note = null;
        int rc = x.bind();
        long last;
        if (rc != 0) {
            note = "bind " + Fresh.errno(rc);
            last = x.m.clock().nanoTime();
        } else {
            Steps steps = new Steps(x, phases);
            note = switch (s) {
                case BOUND_IDLE -> steps.boundIdle();
                case OPEN_CLOSE -> steps.openClose();
                case HOT_RESET -> steps.hotReset();
                case SRIOV -> steps.sriov();
                case LOW_POWER -> steps.lowPower();
            };
            last = steps.lastStep;
        }
        long toLowest = x.settleSince(last);
        long end = Math.max(start + window, x.m.clock().nanoTime());
        x.m.clock().advance(java.time.Duration.ofNanos(end - x.m.clock().nanoTime()));
        double joules = power.measure(x.m, start, x.measured()).joules();
        return new ScenarioCell(firmware, k, phases, toLowest, joules, note);
    }
}
