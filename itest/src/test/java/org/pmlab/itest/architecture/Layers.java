package org.pmlab.itest.architecture;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * pmlab's packages from the bottom up. A package may use packages of lower layers only: never
 * one of its own layer (apart from itself) and never one above. Each line is one layer; a
 * {@code *} stands for one package name segment. A new package goes on the line that says
 * what it may use; see the architecture note for the one-line rule of each package.
 */
final class Layers {

    /** Bottom first. */
    static final List<String> ORDER = List.of(
            // build-time annotations that tie code to the kernel functions it models
            "org.pmlab.annotation",
            // leaves: runtime PM, simulation infrastructure (clock, trace, log, faults), hardware values
            "org.pmlab.pm.api org.pmlab.sim.api org.pmlab.hw.api",
            "org.pmlab.topology.api",
            "org.pmlab.pci.api",
            "org.pmlab.firmware.api",
            "org.pmlab.machine.api",
            "org.pmlab.sysfs.api org.pmlab.vfio.api org.pmlab.view.api org.pmlab.energy.api",
            // what-if analysis over fresh machines: uses energy.api and vfio.api
            "org.pmlab.scenario.api",
            // implementations, bottom up inside pm.core; the other bundles' internals side by side
            "org.pmlab.sim.internal org.pmlab.web.svg",
            "org.pmlab.pm.internal org.pmlab.topology.internal org.pmlab.web.timeline",
            "org.pmlab.pci.internal",
            "org.pmlab.machine.internal org.pmlab.firmware.*.internal org.pmlab.vfio.internal org.pmlab.sysfs.internal"
                    + " org.pmlab.web.internal org.pmlab.energy.internal org.pmlab.scenario.internal",
            "org.pmlab.shell.internal");

    private Layers() {}

    /** The layer index of {@code pkg} (0 at the bottom), if a line names it. */
    static Optional<Integer> of(String pkg) {
        for (int i = 0; i < ORDER.size(); i++) {
            for (String pattern : ORDER.get(i).split(" ")) {
                if (matches(pattern, pkg)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    static String name(int layer) {
        return "layer " + layer + " (" + ORDER.get(layer) + ")";
    }

    private static boolean matches(String pattern, String pkg) {
        return Pattern.matches(Pattern.quote(pattern).replace("*", "\\E[^.]+\\Q"), pkg);
    }
}
