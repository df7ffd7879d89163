package org.pmlab.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.pm.api.Errno;
import org.pmlab.sim.api.Fault;
import org.pmlab.sim.api.FaultInjector;
import org.pmlab.sim.api.FaultPoint;

/**
 * {@code sim:fault}: the live machine's fault injection. Points are declared by the layers that
 * own them (runtime PM, PCI core, firmware, vfio-pci); a fault makes the next call (or every
 * call) at a point fail with an errno.
 */
@Component(service = Object.class, property = {"osgi.command.scope=sim", "osgi.command.function=fault"})
public final class FaultCommands {

    private final Steps steps;

    @Activate
    public FaultCommands(@Reference Steps steps) {
        this.steps = steps;
    }

    private FaultInjector faults() {
        return steps.machine().faults();
    }

    @Descriptor("sim:fault list: the fault points and the armed faults; sim:fault clear: disarm every fault")
    public String fault(@Descriptor("list or clear") String action) {
        return switch (action) {
            case "list" -> list();
            case "clear" -> {
                int n = faults().list().size();
                faults().clear();
                yield "disarmed " + n + " fault(s)";
            }
            default -> throw usage(action);
        };
    }

    @Descriptor("sim:fault clear TARGET: disarm the faults of one target")
    public String fault(@Descriptor("clear") String action, @Descriptor("a BDF or power resource name") String target) {
        if (!action.equals("clear")) {
            throw usage(action);
        }
        return "disarmed " + faults().clear(target) + " fault(s) of " + target;
    }

    @Descriptor("sim:fault add TARGET POINT ERRNO [--once]: arm a fault")
    public String fault(
            @Descriptor("fail only the next call") @Parameter(names = "--once", presentValue = "true",
                    absentValue = "false") boolean once,
            @Descriptor("add") String action,
            @Descriptor("a BDF or power resource name") String target,
            @Descriptor("the fault point, e.g. runtime_resume (see sim:fault list)") String point,
            @Descriptor("the error, e.g. -EIO or -5") String errno) {
        if (!action.equals("add")) {
            throw usage(action);
        }
        int e = Errno.parseNegative(errno);
        faults().add(new Fault(target, point, e, once));
        return "armed " + point + " on " + target + ": " + Errno.describe(e) + (once ? " once" : " on every call");
    }

    private String list() {
        FaultInjector f = faults();
        Table points = new Table("POINT", "TARGET", "DESCRIPTION");
        for (FaultPoint p : f.points()) {
            points.row(p.name(), p.target(), p.description());
        }
        Table armed = new Table("TARGET", "POINT", "ERRNO", "ONCE");
        for (Fault x : f.list()) {
            armed.row(x.target(), x.point(), Errno.describe(x.errno()), x.once() ? "yes" : "no");
        }
        return points + "\n\n" + (armed.size() == 0 ? "no fault armed" : armed.toString());
    }

    private static IllegalArgumentException usage(String action) {
        return new IllegalArgumentException("unknown sim:fault action '" + action
                + "': expected list, add TARGET POINT ERRNO [--once], or clear [TARGET]");
    }
}
