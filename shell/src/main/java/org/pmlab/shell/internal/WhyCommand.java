package org.pmlab.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pci.api.WhyLine;

/**
 * {@code pci:why BDF}: the chain of kernel decisions behind a function's power state and each
 * bridge's above it, one line per decision naming the kernel function and the deciding value,
 * then what would let each go lower. Reads the live machine without waking anything.
 */
@Component(service = WhyCommand.class, property = {"osgi.command.scope=pci", "osgi.command.function=why"})
public final class WhyCommand {

    private final Steps steps;

    @Activate
    public WhyCommand(@Reference Steps steps) {
        this.steps = steps;
    }

    @Example("pci:bind 0000:01:00.0 vfio-pci; pci:why 0000:01:00.0")
    @Descriptor("why a function and each bridge above it are in their power states, decision by decision, and what "
            + "would let each go lower")
    public String why(@Descriptor("the function, DDDD:BB:DD.F") Bdf bdf) {
        Machine m = steps.machine();
        PciDevice d = m.pci().get(bdf);
        StringBuilder sb = new StringBuilder();
        for (WhyBlock b : m.pci().why(d.bdf())) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(b.heading());
            for (WhyLine l : b.lines()) {
                sb.append("\n  ").append(l);
            }
            for (String l : b.lower()) {
                sb.append("\n  lower: ").append(l);
            }
        }
        return sb.toString();
    }
}
