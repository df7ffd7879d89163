package org.pmlab.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Lab;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.api.TopologySource;

/**
 * The launcher's options as the JVM received them ({@code --kernel} is {@code pmlab.kernel}, and
 * so on), checked before the first statement runs. A wrong value is a usage error of the
 * launcher: one line that names the option, the value and the valid choices, and exit status 2,
 * instead of a platform that comes up half-configured and fails every statement.
 * <p>
 * The layers that own a setting still read and apply it; this class only refuses what they
 * would not be able to use, with their own parsers where they have one.
 */
final class LaunchOptions {

    static final String KERNEL = "pmlab.kernel";
    static final String FIRMWARE = "pmlab.firmware";
    static final String TOPOLOGY = "pmlab.topology";

    private final String kernel;
    private final String firmware;
    private final String topology;

    LaunchOptions(String kernel, String firmware, String topology) {
        this.kernel = kernel;
        this.firmware = firmware;
        this.topology = topology;
    }

    static LaunchOptions of(BundleContext context) {
        return new LaunchOptions(context.getProperty(KERNEL), context.getProperty(FIRMWARE),
                context.getProperty(TOPOLOGY));
    }

    /**
     * What can be decided before the platform is up: a kernel version pmlab does not model, a
     * topology file that is not there, a topology source nobody registered.
     *
     * @return the error line (without the "pmlab: " prefix), if any
     */
    Optional<String> beforeStart(BundleContext context) {
        if (kernel != null) {
            try {
                KernelVersion.parse(kernel);
            } catch (IllegalArgumentException e) {
                return Optional.of("--kernel " + kernel + ": " + e.getMessage());
            }
        }
        if (topology != null && !topology.isBlank()) {
            String t = topology.trim();
            Path file = Path.of(t);
            if (looksLikeFile(t) || Files.exists(file)) {
                if (!Files.isRegularFile(file)) {
                    return Optional.of("--topology " + t + ": " + (Files.exists(file) ? "not a regular file"
                            : "no such file") + " (give a topology JSON file, or one of: "
                            + String.join(", ", sources(context)) + ")");
                }
                if (!Files.isReadable(file)) {
                    return Optional.of("--topology " + t + ": permission denied");
                }
            } else if (!sources(context).contains(t)) {
                return Optional.of("--topology " + t + ": no such file, and no topology source of that name; choose a"
                        + " topology JSON file or one of: " + String.join(", ", sources(context)));
            }
        }
        return Optional.empty();
    }

    /**
     * What needs the platform: a firmware name nobody registered, a topology that cannot be
     * loaded.
     *
     * @return the error line (without the "pmlab: " prefix), if any
     */
    Optional<String> onceReady(Lab lab) {
        if (firmware != null && !firmware.isBlank()) {
            String f = firmware.trim();
            if (!FirmwareControl.isNative(f) && !lab.firmwareNames().contains(f)) {
                return Optional.of(unknownFirmware(lab.firmwareNames()));
            }
        }
        if (topology != null && !topology.isBlank()) {
            try {
                lab.live();
            } catch (IllegalStateException e) {
                return Optional.of("--topology " + topology.trim() + ": " + reason(topology.trim(), e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private String unknownFirmware(List<String> registered) {
        List<String> valid = new ArrayList<>(registered);
        valid.add(FirmwareControl.NATIVE);
        return "--firmware " + firmware.trim() + ": no firmware named '" + firmware.trim() + "'; choose one of "
                + String.join(", ", valid);
    }

    /**
     * The lab's message names the boot and the topology's file; the launcher names the option
     * and its value instead.
     */
    private static String reason(String value, String message) {
        String m = String.valueOf(message);
        for (String prefix : List.of("cannot boot the simulated host: ", value + ": ")) {
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        return m;
    }

    /** As the platform defaults decide: a path, or a name ending in .json, is a file. */
    private static boolean looksLikeFile(String t) {
        return t.contains("/") || t.endsWith(".json");
    }

    private static List<String> sources(BundleContext context) {
        return names(context, TopologySource.class, TopologySource.NAME);
    }

    private static List<String> names(BundleContext context, Class<?> type, String property) {
        try {
            TreeSet<String> names = new TreeSet<>();
            for (ServiceReference<?> r : context.getServiceReferences(type, null)) {
                Object n = r.getProperty(property);
                if (n != null) {
                    names.add(n.toString());
                }
            }
            return names.stream().collect(Collectors.toList());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
