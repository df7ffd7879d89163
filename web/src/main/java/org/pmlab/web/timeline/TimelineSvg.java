package org.pmlab.web.timeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmlab.web.svg.Svg;
import org.pmlab.web.svg.SvgElement;
import org.pmlab.web.timeline.Timeline.Lane;
import org.pmlab.web.timeline.Timeline.LaneKind;
import org.pmlab.web.timeline.Timeline.Marker;
import org.pmlab.web.timeline.Timeline.MarkerKind;
import org.pmlab.web.timeline.Timeline.Segment;

/**
 * Draws a {@link Timeline}: a label column, one lane per row (a bar coloured by power state, a
 * strip under it for the runtime status, hatching while suspending or resuming), markers above
 * the bars, a virtual-time axis and a legend. Every lane, segment and marker carries
 * {@code data-} attributes naming what it shows, for scripts and tests.
 */
public final class TimelineSvg {
    private TimelineSvg() {
    }

    static final double WIDTH = 1200;
    static final double LABEL_WIDTH = 270;
    static final double PLOT_LEFT = LABEL_WIDTH + 10;
    static final double PLOT_RIGHT = WIDTH - 30;
    static final double TOP = 50;
    static final double LANE = 30;
    static final double BAR_TOP = 9;
    static final double BAR = 13;
    static final double STRIP = 4;
    static final double INDENT = 14;
    static final String HATCH = "transitional";

    /** Fill colours by {@code power_state} word (and a power resource's on/off). */
    static final Map<String, String> POWER = Map.of(
            "D0", "#2e7d32", "D1", "#9ccc65", "D2", "#d4e157", "D3hot", "#fb8c00", "D3cold", "#1565c0",
            "unknown", "#bdbdbd", "error", "#c62828", "on", "#fdd835", "off", "#eeeeee");
    /** Strip colours by {@code runtime_status} word; suspending and resuming are hatched. */
    static final Map<String, String> STATUS = Map.of(
            "active", "#263238", "suspended", "#b0bec5", "suspending", "#ff6f00", "resuming", "#ff6f00",
            "error", "#c62828", "unsupported", "#ffffff");
    static final String BUS_BAR = "#e0e0e0";
    static final List<String> POWER_ORDER = List.of("D0", "D1", "D2", "D3hot", "D3cold", "unknown", "error");
    static final List<String> STATUS_ORDER = List.of("active", "suspending", "suspended", "resuming", "error", "unsupported");

    public static SvgElement render(Timeline t) {
        double lanesBottom = TOP + t.lanes().size() * LANE;
        double axisY = lanesBottom + 8;
        double legendY = axisY + 40;
        double height = legendY + 78;
        SvgElement svg = Svg.document(WIDTH, height).fontFamily("DejaVu Sans, Verdana, sans-serif")
                .data("from-ns", Long.toString(t.fromNs())).data("to-ns", Long.toString(t.toNs()));
        svg.add(Svg.defs()).add(Svg.hatch(HATCH, "#ff6f00", 6));
        svg.add(Svg.rect(0, 0, WIDTH, height).fill("#ffffff"));
        svg.add(Svg.text(10, 20, "pmlab timeline: " + t.title()).fontSize(14).fontWeight("bold"));
        svg.add(Svg.text(10, 38, seconds(t.fromNs()) + " to " + seconds(t.toNs()) + " s of virtual time, "
                + t.lanes().size() + " lanes, " + t.markerCount() + " markers").fontSize(11).fill("#555555"));

        Scale x = new Scale(t.fromNs(), t.toNs(), PLOT_LEFT, PLOT_RIGHT);
        SvgElement grid = svg.add(Svg.group().cssClass("grid"));
        List<Long> ticks = ticks(t.fromNs(), t.toNs());
        for (long tick : ticks) {
            grid.add(Svg.line(x.at(tick), TOP - 4, x.at(tick), lanesBottom).stroke("#eeeeee", 1));
        }
        SvgElement lanes = svg.add(Svg.group().cssClass("lanes"));
        for (int i = 0; i < t.lanes().size(); i++) {
            lanes.add(lane(t.lanes().get(i), TOP + i * LANE, x, i));
        }
        SvgElement global = svg.add(Svg.group().cssClass("global-markers"));
        for (Marker m : t.global()) {
            double mx = x.at(m.timeNs());
            SvgElement g = global.add(Svg.group().cssClass("marker").data("kind", kindWord(m.kind())).data("label", m.label()));
            g.add(Svg.line(mx, TOP - 6, mx, lanesBottom).stroke("#6a1b9a", 1.2).dash(4, 3));
            g.add(Svg.text(mx + 3, TOP - 8, m.label()).fontSize(10).fill("#6a1b9a"));
            g.tooltip(seconds(m.timeNs()) + " s: " + m.detail());
        }
        svg.add(axis(t, x, ticks, axisY));
        svg.add(legend(legendY));
        return svg;
    }

    private static SvgElement lane(Lane lane, double y, Scale x, int index) {
        SvgElement g = Svg.group().cssClass("lane").data("lane", lane.name()).data("kind", lane.kind().name().toLowerCase());
        if (index % 2 == 1) {
            g.add(Svg.rect(0, y, WIDTH, LANE).fill("#fafafa"));
        }
        double labelX = 10 + lane.depth() * INDENT;
        SvgElement label = g.add(Svg.group().cssClass("label"));
        label.add(Svg.text(labelX, y + BAR_TOP + BAR - 2, fit(lane.label(), PLOT_LEFT - 14 - labelX, 11)).fontSize(11)
                .fontWeight(lane.kind() == LaneKind.DEVICE ? "normal" : "bold"));
        label.tooltip(lane.label());
        for (Segment s : lane.segments()) {
            g.add(segment(lane, s, y, x));
        }
        List<Marker> ms = lane.markers();
        for (int i = 0; i < ms.size(); i++) {
            Marker m = ms.get(i);
            double mx = x.at(m.timeNs());
            double room = i + 1 < ms.size() ? x.at(ms.get(i + 1).timeNs()) - mx : PLOT_RIGHT + 25 - mx;
            g.add(marker(m, mx, y, room));
        }
        return g;
    }

    private static SvgElement segment(Lane lane, Segment s, double y, Scale x) {
        double x0 = x.at(s.fromNs());
        double w = Math.max(0.5, x.at(s.toNs()) - x0);
        SvgElement g = Svg.group().cssClass("segment").data("from-ns", Long.toString(s.fromNs()))
                .data("to-ns", Long.toString(s.toNs()));
        StringBuilder tip = new StringBuilder(lane.name()).append(": ");
        if (s.power() != null) {
            g.data("power", s.power());
            tip.append(s.power());
        }
        if (s.status() != null) {
            g.data("status", s.status());
            tip.append(s.power() != null ? ", " : "").append(s.status());
        }
        tip.append(", ").append(seconds(s.fromNs())).append(" to ").append(seconds(s.toNs())).append(" s");
        String bar = s.power() == null ? BUS_BAR : POWER.getOrDefault(s.power(), POWER.get("unknown"));
        g.add(Svg.rect(x0, y + BAR_TOP, w, BAR).fill(bar));
        if (s.transitional()) {
            g.add(Svg.rect(x0, y + BAR_TOP, w, BAR).fill(Svg.url(HATCH)));
        }
        if (s.status() != null) {
            String strip = s.transitional() ? Svg.url(HATCH) : STATUS.getOrDefault(s.status(), "#ffffff");
            g.add(Svg.rect(x0, y + BAR_TOP + BAR + 1, w, STRIP).fill(strip));
        }
        g.tooltip(tip.toString());
        return g;
    }

    /** A symbol above the bar; its label only where it fits before the lane's next marker. */
    private static SvgElement marker(Marker m, double mx, double y, double room) {
        SvgElement g = Svg.group().cssClass("marker").data("kind", kindWord(m.kind())).data("label", m.label());
        double top = y + 1;
        double tip = y + BAR_TOP - 1;
        String color = markerColor(m.kind());
        if (m.kind() == MarkerKind.RESOURCE_ON) {
            g.add(Svg.polygon(mx - 4, tip, mx + 4, tip, mx, top).fill(color));
        } else {
            g.add(Svg.polygon(mx - 4, top, mx + 4, top, mx, tip).fill(color));
        }
        if (estimatedWidth(m.label(), 9) + 8 < room) {
            g.add(Svg.text(mx + 6, y + BAR_TOP - 1, m.label()).fontSize(9).fill(color));
        }
        g.tooltip(seconds(m.timeNs()) + " s: " + m.detail());
        return g;
    }

    private static String markerColor(MarkerKind k) {
        return switch (k) {
            case ACTION -> "#212121";
            case FAULT -> "#c62828";
            case RESOURCE_ON -> "#8d6e00";
            case RESOURCE_OFF -> "#5d4037";
            case FIRMWARE -> "#6a1b9a";
        };
    }

    static String kindWord(MarkerKind k) {
        return k.name().toLowerCase().replace('_', '-');
    }

    private static SvgElement axis(Timeline t, Scale x, List<Long> ticks, double y) {
        SvgElement g = Svg.group().cssClass("axis");
        g.add(Svg.line(PLOT_LEFT, y, PLOT_RIGHT, y).stroke("#424242", 1));
        for (long tick : ticks) {
            double tx = x.at(tick);
            g.add(Svg.line(tx, y, tx, y + 5).stroke("#424242", 1));
            g.add(Svg.text(tx, y + 17, trimmedSeconds(tick)).fontSize(10).anchor("middle"));
        }
        g.add(Svg.text(PLOT_RIGHT, y + 32, "virtual time (s)").fontSize(10).anchor("end").fill("#555555"));
        return g;
    }

    private static SvgElement legend(double y) {
        SvgElement g = Svg.group().cssClass("legend");
        double x = 10;
        g.add(Svg.text(x, y + 10, "power_state").fontSize(10).fontWeight("bold"));
        x = 100;
        for (String p : POWER_ORDER) {
            g.add(Svg.rect(x, y, 18, 12).fill(POWER.get(p)));
            g.add(Svg.text(x + 22, y + 10, p).fontSize(10));
            x += 30 + estimatedWidth(p, 10);
        }
        g.add(Svg.rect(x, y, 18, 12).fill(POWER.get("on")));
        g.add(Svg.text(x + 22, y + 10, "resource on").fontSize(10));
        x += 30 + estimatedWidth("resource on", 10);
        g.add(Svg.rect(x, y, 18, 12).fill(POWER.get("off")).stroke("#bdbdbd", 0.5));
        g.add(Svg.text(x + 22, y + 10, "off").fontSize(10));

        double y2 = y + 22;
        g.add(Svg.text(10, y2 + 8, "runtime_status").fontSize(10).fontWeight("bold"));
        x = 100;
        for (String s : STATUS_ORDER) {
            boolean hatched = s.equals("suspending") || s.equals("resuming");
            g.add(Svg.rect(x, y2 + 2, 18, STRIP + 2).fill(hatched ? Svg.url(HATCH) : STATUS.get(s)).stroke("#bdbdbd", 0.5));
            g.add(Svg.text(x + 22, y2 + 8, s + (hatched ? " (bar hatched)" : "")).fontSize(10));
            x += 30 + estimatedWidth(s + (hatched ? " (bar hatched)" : ""), 10);
        }

        double y3 = y + 44;
        g.add(Svg.text(10, y3 + 9, "markers").fontSize(10).fontWeight("bold"));
        x = 100;
        for (MarkerKind k : MarkerKind.values()) {
            String word = switch (k) {
                case ACTION -> "action (bind, open, close, reset, low power, sysfs write)";
                case FAULT -> "fault";
                case RESOURCE_ON -> "power resource _ON";
                case RESOURCE_OFF -> "_OFF";
                case FIRMWARE -> "firmware swap";
            };
            if (k == MarkerKind.RESOURCE_ON) {
                g.add(Svg.polygon(x, y3 + 10, x + 8, y3 + 10, x + 4, y3 + 2).fill(markerColor(k)));
            } else {
                g.add(Svg.polygon(x, y3 + 2, x + 8, y3 + 2, x + 4, y3 + 10).fill(markerColor(k)));
            }
            g.add(Svg.text(x + 12, y3 + 9, word).fontSize(10));
            x += 24 + estimatedWidth(word, 10);
        }
        return g;
    }

    /** The text cut with an ellipsis so it stays within {@code width} pixels. */
    static String fit(String text, double width, double fontSize) {
        if (estimatedWidth(text, fontSize) <= width) {
            return text;
        }
        int chars = Math.max(1, (int) (width / (fontSize * 0.6)) - 1);
        return text.substring(0, Math.min(text.length(), chars)) + "\u2026";
    }

    /** A rough text width (no font metrics in a headless build): enough to keep labels apart. */
    static double estimatedWidth(String text, double fontSize) {
        return text.length() * fontSize * 0.6;
    }

    /** Tick positions at a round step (1, 2 or 5 times a power of ten) giving about eight ticks. */
    static List<Long> ticks(long from, long to) {
        long span = to - from;
        double raw = span / 8.0;
        long step = 1;
        while (step * 10 <= raw) {
            step *= 10;
        }
        if (step * 5 <= raw) {
            step *= 5;
        } else if (step * 2 <= raw) {
            step *= 2;
        }
        List<Long> out = new ArrayList<>();
        long first = Math.floorDiv(from + step - 1, step) * step;
        for (long t = first; t <= to; t += step) {
            out.add(t);
        }
        return out;
    }

    /** Virtual time as the trace prints it: seconds with microseconds. */
    static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, (ns / 1_000L) % 1_000_000L);
    }

    /** Seconds without trailing zeros, for axis labels: "0.15". */
    static String trimmedSeconds(long ns) {
        BigDecimal s = BigDecimal.valueOf(ns, 9).stripTrailingZeros();
        return s.signum() == 0 ? "0" : s.toPlainString();
    }

    /** Virtual time to x pixels. */
    record Scale(long from, long to, double left, double right) {
        double at(long t) {
            return left + (right - left) * (double) (t - from) / (double) (to - from);
        }
    }
}
