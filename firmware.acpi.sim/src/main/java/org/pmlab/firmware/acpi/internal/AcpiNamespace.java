package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/**
 * The ACPI objects of one machine, built from its topology: a companion for every function whose
 * spec has one, and the shared power resources. Lookups are by BDF or name, in constant time.
 */
final class AcpiNamespace {
    private final Map<Bdf, AcpiDevice> companions;
    private final Map<String, PowerResource> resources;
    private final Set<String> ps0Targets;
    private final Set<String> ps3Targets;

    private AcpiNamespace(Map<Bdf, AcpiDevice> companions, Map<String, PowerResource> resources,
            Set<String> ps0Targets, Set<String> ps3Targets) {
        this.companions = companions;
        this.resources = resources;
        this.ps0Targets = ps0Targets;
        this.ps3Targets = ps3Targets;
    }

    /**
     * @throws IllegalArgumentException when a {@code _PRx} list names a power resource the
     *         topology does not declare
     */
    static AcpiNamespace build(Topology topology, AmlMethods aml, FirmwareEvents events) {
        Map<String, PowerResource> resources = new LinkedHashMap<>();
        for (PowerResourceSpec r : topology.powerResources()) {
            resources.put(r.name(), new PowerResource(r.name(), r.on(), aml, events));
        }
        Map<Bdf, AcpiDevice> companions = new LinkedHashMap<>();
        // for each bridge: the companion at or above it, so a child finds its ACPI parent in one step
        // (only bridges have children, so endpoints, most of a big host, need no entry)
        Map<Bdf, AcpiDevice> nearest = new HashMap<>();
        Set<String> ps0 = new HashSet<>();
        Set<String> ps3 = new HashSet<>();
        for (DeviceSpec d : topology.devices()) {
            AcpiDevice parent = d.parent() == null ? null : nearest.get(d.parent());
            AcpiDeviceSpec acpi = d.acpi();
            if (acpi == null) {
                if (parent != null && d.portType().isPort()) {
                    nearest.put(d.bdf(), parent);
                }
                continue;
            }
            AcpiDevice dev = new AcpiDevice(d.bdf(), acpi, parent, resolve(d, acpi.pr0(), "_PR0", resources),
                    resolve(d, acpi.pr3(), "_PR3", resources));
            companions.put(d.bdf(), dev);
            if (d.portType().isPort()) {
                nearest.put(d.bdf(), dev);
            }
            for (PowerResource r : dev.resources(AcpiState.D0)) {
                r.addLister(d.bdf());
            }
            if (dev.hasPsMethod(AcpiState.D0)) {
                ps0.add(dev.name());
            }
            if (dev.hasPsMethod(AcpiState.D3HOT)) {
                ps3.add(dev.name());
            }
        }
        return new AcpiNamespace(companions, resources, ps0, ps3);
    }

    /**
     * The resources of one {@code _PRx} list, in the order listed. (The kernel sorts a list by
     * each resource's ResourceOrder; a topology has none, so all are equal and the order stays.)
     */
    private static List<PowerResource> resolve(DeviceSpec d, List<String> names, String method,
            Map<String, PowerResource> resources) {
        List<PowerResource> list = new ArrayList<>(names.size());
        for (String n : names) {
            PowerResource r = resources.get(n);
            if (r == null) {
                throw new IllegalArgumentException("device " + d.bdf() + " (" + d.acpi().path() + ") lists power resource '"
                        + n + "' in " + method + ", but the topology declares no power resource of that name");
            }
            list.add(r);
        }
        return list;
    }

    /** The ACPI companion of a function, or {@code null}. */
    AcpiDevice companion(Bdf bdf) {
        return companions.get(bdf);
    }

    /** Companions in topology order (every bridge before the functions below it). */
    Collection<AcpiDevice> companions() {
        return Collections.unmodifiableCollection(companions.values());
    }

    /** Power resources in topology order. */
    Collection<PowerResource> resources() {
        return Collections.unmodifiableCollection(resources.values());
    }

    boolean hasResource(String name) {
        return resources.containsKey(name);
    }

    /** Whether a fault target names a function whose companion has {@code _PS0}. */
    boolean hasPs0(String bdf) {
        return ps0Targets.contains(bdf);
    }

    boolean hasPs3(String bdf) {
        return ps3Targets.contains(bdf);
    }
}
