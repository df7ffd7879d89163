package org.pmlab.shell.internal;

import java.util.List;
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

    enum FaultAction implements Word {
        LIST("list", "show the fault points and the armed faults"),
        ADD("add", "arm a fault: TARGET POINT ERRNO [--once]"),
        CLEAR("clear", "disarm every fault, or those of one TARGET");

        private final String word;
        private final String description;

        FaultAction(String word, String description) {
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

    /** One fault point of {@code sim:fault list}. */
    record Point(String point, String target, String description) {
    }

    /** One armed fault of {@code sim:fault list}. */
    record Armed(String target, String point, String errno, String once) {
    }

    /** {@code sim:fault list}. */
    record Faults(List<Point> points, List<Armed> armed) implements Rendered {
        @Override
        public String render() {
            return Views.table(Rows.of(Point.class, points)) + "\n\n"
                    + (armed.isEmpty() ? "no fault armed" : Views.table(Rows.of(Armed.class, armed)));
        }
    }

    private final Steps steps;

    @Activate
    public FaultCommands(@Reference Steps steps) {
        this.steps = steps;
    }

    private FaultInjector faults() {
        return steps.machine().faults();
    }

    @Descriptor("inject faults: list the points and armed faults, arm one, or disarm")
    @Example("sim:fault list")
    @Example("sim:fault clear")
    public Object fault(@Descriptor("list or clear") FaultAction action) {
        return switch (action) {
            case LIST -> list();
            case CLEAR -> {
                int n = faults().list().size();
                faults().clear();
                yield "disarmed " + n + " fault(s)";
            }
            case ADD -> throw new UsageException("sim:fault add needs TARGET POINT ERRNO; usage: sim:fault [--once] add TARGET POINT ERRNO");
        };
    }

    @Descriptor("disarm the faults of one target")
    @Example("sim:fault clear 0000:01:00.0")
    public String fault(@Descriptor("clear") FaultAction action, @Descriptor("a BDF or power resource name") Args.FaultTarget target) {
        if (action != FaultAction.CLEAR) {
            throw new UsageException("with one TARGET the action is clear, not " + action.word()
                    + "; usage: sim:fault clear TARGET");
        }
        String t = target.text();
        boolean armed = faults().list().stream().anyMatch(f -> f.target().equals(t));
        if (!armed && !known(t)) {
            throw new UsageException("TARGET: no PCI function or power resource named '" + t + "'");
        }
        return "disarmed " + faults().clear(t) + " fault(s) of " + target;
    }

    @Descriptor("arm a fault: the next call (--once) or every call at POINT for TARGET fails with ERRNO")
    @Example("sim:fault add 0000:01:00.0 runtime_resume -EIO --once")
    @Example("sim:fault add PSLT _OFF -EIO")
    public String fault(
            @Descriptor("fail only the next call") @Parameter(names = "--once", presentValue = "true",
                    absentValue = "false") boolean once,
            @Descriptor("add") FaultAction action,
            @Descriptor("a BDF (any letter case) or power resource name") Args.FaultTarget target,
            @Descriptor("the fault point, e.g. runtime_resume (sim:fault list shows them)") Args.FaultPointName point,
            @Descriptor("the error, e.g. -EIO or -5") Args.ErrnoValue errno) {
        if (action != FaultAction.ADD) {
            throw new UsageException("with TARGET POINT ERRNO the action is add, not " + action.word()
                    + "; usage: sim:fault [--once] add TARGET POINT ERRNO");
        }
        faults().add(new Fault(target.text(), point.text(), errno.negative(), once));
        return "armed " + point + " on " + target + ": " + Errno.describe(errno.negative()) + (once ? " once" : " on every call");
    }

    /** A function of the live machine, or a power resource of its firmware. */
    private boolean known(String target) {
        var m = steps.machine();
        if (Args.looksLikeBdf(target)) {
            return m.pci().find(org.pmlab.hw.api.Bdf.parse(target)).isPresent();
        }
        return m.firmware().ops().map(ops -> ops.powerResources().stream().anyMatch(r -> r.name().equals(target)))
                .orElse(false);
    }

    private Faults list() {
        FaultInjector f = faults();
        List<Point> points = f.points().stream().map((FaultPoint p) -> new Point(p.name(), p.target(), p.description()))
                .toList();
        List<Armed> armed = f.list().stream().map((Fault x) -> new Armed(x.target(), x.point(), Errno.describe(x.errno()),
                x.once() ? "yes" : "no")).toList();
        return new Faults(points, armed);
    }
}
