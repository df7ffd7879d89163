package org.pmlab.sim.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Linux version a machine runs. Behaviour that changed between versions is selected by
 * comparing with the constants below; only the versions in {@link #MODELLED} can be chosen.
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {

    /** Config Admin PID of the kernel settings ({@code version}, {@code pcie_port_pm}). */
    public static final String PID = "org.pmlab.kernel";

    /** The last kernel before the vfio runtime PM series: vfio-pci writes D3hot itself. */
    public static final KernelVersion V5_18 = new KernelVersion(5, 18);
    /**
     * vfio-pci uses runtime PM (seed patch), and the usage count cannot underflow
     * (82586a721595 "PM: runtime: Avoid device usage count underflows").
     */
    public static final KernelVersion V5_19 = new KernelVersion(5, 19);
    public static final KernelVersion V6_0 = new KernelVersion(6, 0);
    /** vfio low-power entry/exit features, vfio runtime callbacks, ioctls wrapped in get/put. */
    public static final KernelVersion V6_1 = new KernelVersion(6, 1);
    /**
     * d0b8651a0261 "PM: runtime: Make put{,_sync}() return 1 when already suspended"
     * (pm-6.18-rc1-2): a put that finds the device suspended returns 1 instead of -EAGAIN.
     */
    public static final KernelVersion V6_18 = new KernelVersion(6, 18);
    /**
     * {@code pm_runtime_put()} and {@code pm_runtime_barrier()} return void (3afd8df02433 and
     * "PM: runtime: Make pm_runtime_barrier() return void"); rpm_suspend_suppliers idles only
     * DL_FLAG_PM_RUNTIME suppliers, as the KUnit supplier case expects.
     */
    public static final KernelVersion V7_0 = new KernelVersion(7, 0);

    public static final List<KernelVersion> MODELLED = List.of(V5_18, V5_19, V6_0, V6_1, V6_18, V7_0);

    /** The default: the newest version pmlab models. */
    public static final KernelVersion NEWEST = V7_0;

    /** pm_runtime_put and pm_runtime_barrier return nothing in this version. */
    public boolean putAndBarrierReturnVoid() {
        return atLeast(V7_0);
    }

    /**
     * Parses "6.1" (also "v6.1").
     *
     * @throws IllegalArgumentException if malformed or not a modelled version
     */
    public static KernelVersion parse(String text) {
        String t = text.trim();
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        String[] parts = t.split("\\.");
        if (parts.length != 2 || !parts[0].matches("\\d{1,2}") || !parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException("malformed kernel version '" + text + "': expected MAJOR.MINOR such as 6.1");
        }
        KernelVersion v = new KernelVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        if (!MODELLED.contains(v)) {
            throw new IllegalArgumentException("kernel " + v + " is not modelled; choose one of "
                    + MODELLED.stream().map(KernelVersion::toString).collect(Collectors.joining(", ")));
        }
        return v;
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean before(KernelVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
