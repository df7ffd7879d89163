package org.pmlab.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.view.api.TimelinePicture;
import org.pmlab.view.api.Timelines;

/** {@code sim:timeline}: the trace of the live machine as an SVG picture. */
@Component(service = TimelineCommand.class, property = {"osgi.command.scope=sim", "osgi.command.function=timeline"})
public final class TimelineCommand {

    private final Steps steps;
    private final Timelines timelines;

    @Activate
    public TimelineCommand(@Reference Steps steps, @Reference Timelines timelines) {
        this.steps = steps;
        this.timelines = timelines;
    }

    @Descriptor("draw the trace as an SVG timeline: one lane per device in tree order, coloured by power_state, "
            + "hatched while suspending or resuming, with markers for actions and power resource _ON/_OFF "
            + "(record a trace first with pm:trace on); prints the SVG unless --out is given")
    @Example("pm:trace on; pci:bind 0000:01:00.0 vfio-pci; sim:timeline --out gpu.svg 0000:01:00.0 0000:00:01.0")
    public String timeline(CommandSession session,
            @Descriptor("write the picture to FILE.svg instead of printing it (not in /sys, /proc or /dev)")
            @Parameter(names = {"-o", "--out"}, absentValue = Args.HostPath.ABSENT) Args.HostPath out,
            @Descriptor("start of the window in virtual time, e.g. 100ms (default: the first record)")
            @Parameter(names = {"--from"}, absentValue = "") String from,
            @Descriptor("end of the window in virtual time, e.g. 1s (default: now)")
            @Parameter(names = {"--to"}, absentValue = "") String to,
            @Descriptor("the functions to draw, DDDD:BB:DD.F (default: every device, the root bus and the power resources)")
            Bdf... devices) {
        Machine m = steps.machine();
        List<TraceRecord> records = m.trace().records();
        if (records.isEmpty()) {
            throw new IllegalStateException("the trace is empty: the timeline is drawn from it, so turn it on with "
                    + "pm:trace on before the scenario");
        }
        Long fromNs = time("--from", from);
        Long toNs = time("--to", to);
        List<Bdf> only = new ArrayList<>();
        for (Bdf d : devices) {
            only.add(m.pci().get(d).bdf());
        }
        Path file = out.absent() ? null : HostFiles.writable(out.resolve(session), null);
        TimelinePicture p = timelines.draw(m, records, fromNs, toNs, only);
        if (file == null) {
            return p.svg();
        }
        try {
            Files.writeString(file, p.svg(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot write " + out + ": no such directory");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + out + ": " + ErrorMessages.io(e));
        }
        return "wrote " + file + ": " + p.lanes() + " lanes, " + p.markers() + " markers, "
                + DurationText.seconds(p.fromNs()) + " to " + DurationText.seconds(p.toNs());
    }

    /** A window bound: empty for none, else a duration with its unit. */
    private static Long time(String option, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return DurationText.parse(text).toNanos();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
