package org.pmlab.web.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.view.api.TimelinePicture;
import org.pmlab.view.api.Timelines;
import org.pmlab.web.svg.SvgWriter;
import org.pmlab.web.timeline.MachineLanes;
import org.pmlab.web.timeline.Timeline;
import org.pmlab.web.timeline.TimelineBuilder;
import org.pmlab.web.timeline.TimelineSvg;

/** The timeline service: lanes from the machine, states and markers from its trace, drawn as SVG. */
@Component
public final class TimelinesComponent implements Timelines {

    @Override
    public TimelinePicture draw(Machine machine, List<TraceRecord> records, Long fromNs, Long toNs, List<Bdf> only) {
        Timeline t = timeline(machine, records, fromNs, toNs, only);
        return new TimelinePicture(SvgWriter.toString(TimelineSvg.render(t)), t.lanes().size(), t.markerCount(),
                t.fromNs(), t.toNs());
    }

    static Timeline timeline(Machine machine, List<TraceRecord> records, Long fromNs, Long toNs, List<Bdf> only) {
        if (fromNs != null && toNs != null && toNs <= fromNs) {
            throw new IllegalArgumentException("empty time window: --to must be later than --from");
        }
        for (Bdf b : only) {
            machine.pci().get(b); // names the missing device
        }
        return TimelineBuilder.build(title(machine), MachineLanes.of(machine, only), records, fromNs, toNs,
                machine.clock().nanoTime());
    }

    static String title(Machine m) {
        return "kernel " + m.kernel() + ", firmware " + m.firmware().activeName();
    }
}
