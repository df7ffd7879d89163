package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pci.api.WhyLine;

/**
 * {@code pci:why BDF}: the chain of kernel decisions behind a function's power state and each
 * bridge's above it, one line per decision naming the kernel function and the deciding value,
 * then what would let each go lower. Reads the live machine without waking anything.
 */
@Component(service = WhyCommand.class, property = {"osgi.command.scope=pci", "osgi.command.function=why"})
public final class WhyCommand {

    /** {@code pci:why}: a block per function, the function first, then each bridge above it. */
    record Why(List<Block> functions) implements Rendered {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder();
            for (Block b : functions) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(b.heading());
                for (Decision d : b.decisions()) {
                    sb.append("\n  ").append("  ".repeat(d.depth())).append(d.function()).append(": ").append(d.detail());
                }
                for (String l : b.lower()) {
                    sb.append("\n  lower: ").append(l);
                }
            }
            return sb.toString();
        }
    }

    /** One function: its heading (BDF, driver, power_state, runtime_status), the decisions, what would let it go lower. */
    record Block(Bdf bdf, String heading, List<Decision> decisions, List<String> lower) {
    }

    /** One decision: the kernel function that took it and the value it decided on. */
    record Decision(int depth, String function, String detail) {
    }

    private final Steps steps;

    @Activate
    public WhyCommand(@Reference Steps steps) {
        this.steps = steps;
    }

    @Descriptor("why a function and each bridge above it are in their power states, decision by decision, and what "
            + "would let each go lower (reads the model, wakes nothing)")
    @Example("pci:why 0000:01:00.0")
    @Example("pci:bind 0000:03:00.0 vfio-pci; sim:settle; pci:why 0000:03:00.0")
    @Example("pci:why --json 0000:00:01.0")
    public Object why(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor(PciCommands.BDF) Bdf bdf) {
        Machine m = steps.machine();
        Bdf b = m.pci().get(bdf).bdf();
        List<Block> blocks = new ArrayList<>();
        for (WhyBlock w : m.pci().why(b)) {
            List<Decision> ds = new ArrayList<>(w.lines().size());
            for (WhyLine l : w.lines()) {
                ds.add(new Decision(l.depth(), l.function(), l.detail()));
            }
            blocks.add(new Block(w.bdf(), w.heading(), ds, w.lower()));
        }
        Why why = new Why(blocks);
        return json ? new Json(why) : why;
    }
}
