package org.pmlab.web.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.web.timeline.Timeline.Lane;
import org.pmlab.web.timeline.Timeline.Marker;
import org.pmlab.web.timeline.Timeline.MarkerKind;
import org.pmlab.web.timeline.Timeline.Segment;
import org.pmlab.web.timeline.TraceReading.Mark;
import org.pmlab.web.timeline.TraceReading.PowerChange;
import org.pmlab.web.timeline.TraceReading.Reading;
import org.pmlab.web.timeline.TraceReading.ResourceChange;
import org.pmlab.web.timeline.TraceReading.StatusChange;

/**
 * Turns trace records into lanes. Each lane starts in the state its first record says it left
 * ({@code pci_power_state} names the previous state; a first {@code rpm_status} of suspending
 * or resuming says active or suspended before), or, without records, in its state now; every
 * record after that moves it on. Records outside the window still count for the state at its
 * start, but draw nothing.
 */
public final class TimelineBuilder {
    private TimelineBuilder() {
    }

    /**
     * @param seeds the lanes in the order to draw them, with their state now
     * @param records trace records, oldest first
     * @param fromNs start of the window, or null for the first record's time
     * @param toNs end of the window, or null for now (or the last record, if later)
     * @param nowNs the machine's virtual time now: the last known state lasts until then
     */
    public static Timeline build(String title, List<LaneSeed> seeds, List<TraceRecord> records, Long fromNs, Long toNs,
            long nowNs) {
        Map<String, LaneState> lanes = new LinkedHashMap<>();
        for (LaneSeed s : seeds) {
            lanes.put(s.name(), new LaneState(s));
        }
        List<Timed> readings = new ArrayList<>();
        for (TraceRecord r : records) {
            Optional<Reading> reading = TraceReading.read(r);
            if (reading.isPresent()) {
                readings.add(new Timed(r.timeNs(), reading.get()));
                LaneState lane = reading.get().lane() == null ? null : lanes.get(reading.get().lane());
                if (lane != null) {
                    lane.noteFirst(reading.get());
                }
            }
        }
        long first = records.isEmpty() ? 0 : records.get(0).timeNs();
        long last = records.isEmpty() ? nowNs : records.get(records.size() - 1).timeNs();
        long from = fromNs != null ? fromNs : first;
        long to = toNs != null ? toNs : Math.max(nowNs, last);
        if (to <= from) {
            to = from + MIN_WINDOW_NS;
        }
        // the last state is known until now; a window reaching past now ends the lanes there
        long end = nowNs > from && nowNs < to ? nowNs : to;

        List<Marker> global = new ArrayList<>();
        for (Timed t : readings) {
            if (t.reading().lane() == null) {
                if (t.reading() instanceof Mark m && t.timeNs() >= from && t.timeNs() <= to) {
                    global.add(new Marker(t.timeNs(), m.kind(), m.label(), m.detail()));
                }
                continue;
            }
            LaneState lane = lanes.get(t.reading().lane());
            if (lane != null) {
                lane.apply(t.timeNs(), t.reading(), from, to);
            }
        }
        List<Lane> out = new ArrayList<>();
        for (LaneState l : lanes.values()) {
            out.add(l.finish(from, end));
        }
        return new Timeline(title, from, to, out, global);
    }

    /** A window of zero length (every record at one instant) is drawn one millisecond wide. */
    static final long MIN_WINDOW_NS = 1_000_000L;

    private record Timed(long timeNs, Reading reading) {
    }

    /** One lane being built: its state as records move it, and what it has drawn so far. */
    private static final class LaneState {
        final LaneSeed seed;
        String power;
        String status;
        boolean powerSeen;
        boolean statusSeen;
        long since = Long.MIN_VALUE;
        final List<Segment> segments = new ArrayList<>();
        final Map<Long, Marker> markers = new HashMap<>();
        final List<Long> markerOrder = new ArrayList<>();

        LaneState(LaneSeed seed) {
            this.seed = seed;
            this.power = seed.power();
            this.status = seed.status();
        }

        /** The state before the lane's first record of each kind. */
        void noteFirst(Reading r) {
            if (r instanceof PowerChange p && !powerSeen) {
                powerSeen = true;
                power = p.previous();
            } else if (r instanceof StatusChange s && !statusSeen) {
                statusSeen = true;
                status = switch (s.status()) {
                    case "suspending" -> "active";
                    case "resuming" -> "suspended";
                    case "active" -> "suspended";
                    case "suspended" -> "active";
                    default -> status;
                };
            } else if (r instanceof ResourceChange c && !powerSeen) {
                powerSeen = true;
                power = c.on() ? "off" : "on";
            }
        }

        void apply(long t, Reading r, long from, long to) {
            if (r instanceof PowerChange p) {
                change(t, p.next(), status, from, to);
            } else if (r instanceof StatusChange s) {
                change(t, power, s.status(), from, to);
            } else if (r instanceof ResourceChange c) {
                change(t, c.on() ? "on" : "off", status, from, to);
                String method = c.on() ? "_ON" : "_OFF";
                mark(t, new Marker(t, c.on() ? MarkerKind.RESOURCE_ON : MarkerKind.RESOURCE_OFF, method,
                        seed.name() + " " + method), from, to);
            } else if (r instanceof Mark m) {
                mark(t, new Marker(t, m.kind(), m.label(), m.detail()), from, to);
            }
        }

        private void change(long t, String newPower, String newStatus, long from, long to) {
            if (Objects.equals(newPower, power) && Objects.equals(newStatus, status)) {
                return;
            }
            close(t, from, to);
            power = newPower;
            status = newStatus;
            since = t;
        }

        /** Ends the current segment at {@code t}, keeping the part inside the window. */
        private void close(long t, long from, long to) {
            long a = Math.max(since, from);
            long b = Math.min(t, to);
            if (b > a) {
                segments.add(new Segment(a, b, power, status));
            }
        }

        /** Markers at the same instant on one lane share one symbol and one label. */
        private void mark(long t, Marker m, long from, long to) {
            if (t < from || t > to) {
                return;
            }
            Marker earlier = markers.get(t);
            if (earlier == null) {
                markers.put(t, m);
                markerOrder.add(t);
            } else if (!earlier.label().equals(m.label())) {
                markers.put(t, new Marker(t, strongest(earlier.kind(), m.kind()), earlier.label() + ", " + m.label(),
                        earlier.detail() + "\n" + m.detail()));
            } else {
                markers.put(t, new Marker(t, earlier.kind(), earlier.label(), earlier.detail() + "\n" + m.detail()));
            }
        }

        private static MarkerKind strongest(MarkerKind a, MarkerKind b) {
            return a.ordinal() <= b.ordinal() ? a : b;
        }

        Lane finish(long from, long end) {
            if (end > from) {
                close(end, from, Long.MAX_VALUE);
            }
            List<Marker> ms = new ArrayList<>();
            for (Long t : markerOrder) {
                ms.add(markers.get(t));
            }
            return new Lane(seed.name(), seed.label(), seed.depth(), seed.kind(), segments, ms);
        }
    }
}
