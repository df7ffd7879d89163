package org.pmlab.web.timeline;

import java.util.List;

/**
 * What a timeline picture shows: lanes in tree order over a window of virtual time, and the
 * markers that concern the whole machine (a firmware swap).
 *
 * @param title one line naming the machine, e.g. "kernel 6.1, firmware acpi-sim"
 */
public record Timeline(String title, long fromNs, long toNs, List<Lane> lanes, List<Marker> global) {
    public Timeline {
        lanes = List.copyOf(lanes);
        global = List.copyOf(global);
        if (toNs <= fromNs) {
            throw new IllegalArgumentException("empty time window " + fromNs + ".." + toNs);
        }
    }

    public int markerCount() {
        return global.size() + lanes.stream().mapToInt(l -> l.markers().size()).sum();
    }

    /** What a lane stands for. */
    public enum LaneKind {
        /** A PCI function: power state and runtime status. */
        DEVICE,
        /** A root bus (host bridge) as runtime PM sees it: runtime status only. */
        BUS,
        /** A shared platform power resource: on or off. */
        POWER_RESOURCE
    }

    /**
     * One row of the picture.
     *
     * @param depth how far below a root the device sits (0 for a root bus or a resource)
     */
    public record Lane(String name, String label, int depth, LaneKind kind, List<Segment> segments, List<Marker> markers) {
        public Lane {
            segments = List.copyOf(segments);
            markers = List.copyOf(markers);
        }
    }

    /**
     * An interval over which a lane's state did not change.
     *
     * @param power the {@code power_state} word (D0 ... D3cold, unknown, error), "on"/"off" for
     *        a power resource, null for a bus
     * @param status the {@code power/runtime_status} word, null for a power resource
     */
    public record Segment(long fromNs, long toNs, String power, String status) {
        public boolean transitional() {
            return "suspending".equals(status) || "resuming".equals(status);
        }
    }

    /** Something that happened at one instant. */
    public record Marker(long timeNs, MarkerKind kind, String label, String detail) {
    }

    public enum MarkerKind {
        /** What a user or a driver did: bind, open, close, reset, low power, a sysfs write. */
        ACTION,
        /** An injected fault fired. */
        FAULT,
        /** A power resource's {@code _ON} ran. */
        RESOURCE_ON,
        /** A power resource's {@code _OFF} ran. */
        RESOURCE_OFF,
        /** The platform firmware was swapped. */
        FIRMWARE
    }
}
