package org.pmlab.web.timeline;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmlab.sim.api.TraceRecord;
import org.pmlab.web.timeline.Timeline.MarkerKind;

/**
 * What one trace record means for a timeline, read from the text the model traces (as
 * kernelshark reads ftrace lines). Records that change nothing visible read as empty.
 */
final class TraceReading {
    private TraceReading() {
    }

    /** A state change or a marker, for the lane named {@code lane} (null: the whole machine). */
    sealed interface Reading permits PowerChange, StatusChange, ResourceChange, Mark {
        String lane();
    }

    /** {@code pci_power_state}: "BDF PREV -> NEXT". */
    record PowerChange(String lane, String previous, String next) implements Reading {
    }

    /** {@code rpm_status}: "NAME status=RPM_SUSPENDING". */
    record StatusChange(String lane, String status) implements Reading {
    }

    /** A power resource's {@code _ON}/{@code _OFF} that succeeded. */
    record ResourceChange(String lane, boolean on) implements Reading {
    }

    record Mark(String lane, MarkerKind kind, String label, String detail) implements Reading {
    }

    private static final Pattern POWER = Pattern.compile("(\\S+) (\\S+) -> (\\S+)");
    private static final Pattern STATUS = Pattern.compile("(\\S+) status=RPM_([A-Z]+)");
    /** "PSLT _OFF ref=0 (ok)"; the record's device is the requester. */
    private static final Pattern RESOURCE = Pattern.compile("(\\S+) (\\S+) ref=(\\d+) \\((.*)\\)");
    /** "BDF what happened": vfio-pci's own records. */
    private static final Pattern VFIO = Pattern.compile("(\\S+) (.+)");
    private static final Pattern SWAP = Pattern.compile("(\\S+) -> (\\S+) \\(begin\\)");

    /** Reads a record; empty when it changes nothing a timeline shows. */
    static Optional<Reading> read(TraceRecord r) {
        String text = r.text();
        Matcher m;
        switch (r.event()) {
            case "pci_power_state" -> {
                if ((m = POWER.matcher(text)).matches()) {
                    return Optional.of(new PowerChange(m.group(1), m.group(2), m.group(3)));
                }
            }
            case "rpm_status" -> {
                if ((m = STATUS.matcher(text)).matches()) {
                    return Optional.of(new StatusChange(m.group(1), m.group(2).toLowerCase(Locale.ROOT)));
                }
            }
            case "acpi_power_resource" -> {
                if ((m = RESOURCE.matcher(text)).matches()) {
                    return resource(r.device(), m.group(1), m.group(2), m.group(4));
                }
            }
            case "vfio_pci" -> {
                if ((m = VFIO.matcher(text)).matches()) {
                    return Optional.of(new Mark(m.group(1), MarkerKind.ACTION, vfioLabel(m.group(2)), "vfio-pci: " + m.group(2)));
                }
            }
            case "firmware_swap" -> {
                if ((m = SWAP.matcher(text)).matches()) {
                    return Optional.of(new Mark(null, MarkerKind.FIRMWARE, "firmware " + m.group(2),
                            "firmware swap " + m.group(1) + " -> " + m.group(2)));
                }
            }
            default -> {
                return action(r);
            }
        }
        return Optional.empty();
    }

    private static Optional<Reading> resource(String requester, String resource, String method, String outcome) {
        if (!method.equals("_ON") && !method.equals("_OFF")) {
            return Optional.empty(); // a reference taken or dropped without a method: no change
        }
        boolean on = method.equals("_ON");
        if (!outcome.equals("ok")) {
            return Optional.of(new Mark(resource, MarkerKind.FAULT, method + " failed",
                    resource + " " + method + " for " + requester + ": " + outcome));
        }
        return Optional.of(new ResourceChange(resource, on));
    }

    /** The word a marker shows for vfio-pci's records: what the user did that led to it. */
    private static String vfioLabel(String what) {
        if (what.startsWith("enable:")) {
            return "open";
        }
        if (what.startsWith("disable:")) {
            return "close";
        }
        if (what.startsWith("low power entry")) {
            return "low power";
        }
        if (what.startsWith("low power exit")) {
            return "low power exit";
        }
        if (what.startsWith("hot reset") || what.startsWith("try_reset")) {
            return "reset";
        }
        if (what.startsWith("runtime resume: wake-up")) {
            return "wake-up";
        }
        if (what.startsWith("mmap fault")) {
            return "SIGBUS";
        }
        int colon = what.indexOf(':');
        return colon > 0 ? what.substring(0, colon) : what;
    }

    /** "/sys/.../0000:01:00.0/power/control <- 'auto' = 5". */
    private static final Pattern WRITE = Pattern.compile("(\\S+) <- '(.*)' = (-?\\d+)", Pattern.DOTALL);
    /** "0000:01:00.0 driver=vfio-pci" or "... driver=vfio-pci probe failed -19". */
    private static final Pattern DRIVER = Pattern.compile("\\S+ driver=(\\S+)( probe failed .*)?");
    private static final Pattern FAULT = Pattern.compile("\\S+ (\\S+) (-?\\d+)");

    /** pmlab's records of what users and drivers did: bind, unbind, reset, sysfs writes, faults. */
    private static Optional<Reading> action(TraceRecord r) {
        String text = r.text();
        Matcher m;
        switch (r.event()) {
            case "pci_bind" -> {
                if ((m = DRIVER.matcher(text)).matches()) {
                    boolean failed = m.group(2) != null;
                    return Optional.of(new Mark(r.device(), failed ? MarkerKind.FAULT : MarkerKind.ACTION,
                            (failed ? "bind failed " : "bind ") + m.group(1), "bind: " + text));
                }
            }
            case "pci_unbind" -> {
                return Optional.of(new Mark(r.device(), MarkerKind.ACTION, "unbind", "unbind: " + text));
            }
            case "pci_reset" -> {
                return Optional.of(new Mark(r.device(), MarkerKind.ACTION, "reset", "reset: " + text));
            }
            case "sysfs_write" -> {
                if ((m = WRITE.matcher(text)).matches()) {
                    return Optional.of(new Mark(r.device(), MarkerKind.ACTION, attribute(m.group(1), r.device()) + "="
                            + m.group(2), "echo " + m.group(2) + " > " + m.group(1) + ": " + m.group(3)));
                }
            }
            case "fault" -> {
                if ((m = FAULT.matcher(text)).matches()) {
                    return Optional.of(new Mark(r.device(), MarkerKind.FAULT, "fault " + m.group(1),
                            "injected fault at " + m.group(1) + ": " + m.group(2)));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The attribute's path below its device ("power/control"), or its file name. */
    private static String attribute(String path, String device) {
        int at = path.lastIndexOf(device + "/");
        if (at >= 0) {
            return path.substring(at + device.length() + 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
