package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final OrderedIndex<Bdf, AcpiDevice> companions;
    private final OrderedIndex<String, PowerResource> resources;

    private AcpiNamespace(OrderedIndex<Bdf, AcpiDevice> companions, OrderedIndex<String, PowerResource> resources) {
        this.companions = companions;
        this.resources = resources;
    }

    /**
     * @throws IllegalArgumentException when a {@code _PRx} list names a power resource the
     *         topology does not declare
     */
    static AcpiNamespace build(Topology topology, AmlMethods aml, FirmwareEvents events) {
        OrderedIndex<String, PowerResource> resources = new OrderedIndex<>(PowerResource::name);
        for (PowerResourceSpec r : topology.powerResources()) {
            resources.put(new PowerResource(r.name(), r.on(), aml, events));
        }
        resources.trim();
        OrderedIndex<Bdf, AcpiDevice> companions = new OrderedIndex<>(AcpiDevice::bdf);
        // for each bridge: the companion at or above it, so a child finds its ACPI parent in one step
        // (only bridges have children, so endpoints, most of a big host, need no entry)
        Map<Bdf, AcpiDevice> nearest = new HashMap<>();
        for (DeviceSpec d : topology.devices()) {
            AcpiDevice parent = d.parent() == null ? null : nearest.get(d.parent());
            AcpiDeviceSpec acpi = d.acpi();
            if (acpi == null) {
                if (parent != null && d.portType().isPort()) {
                    nearest.put(d.bdf(), parent);
                }
                continue;
            }
            AcpiDevice dev = new AcpiDevice(d, parent, resolve(d, acpi.pr0(), "_PR0", resources),
                    resolve(d, acpi.pr3(), "_PR3", resources));
            companions.put(dev);
            if (d.portType().isPort()) {
                nearest.put(d.bdf(), dev);
            }
            for (PowerResource r : dev.resources(AcpiState.D0)) {
                r.addLister(d.bdf());
            }
        }
        companions.trim();
        return new AcpiNamespace(companions, resources);
    }

    /**
     * The resources of one {@code _PRx} list, in the order listed. (The kernel sorts a list by
     * each resource's ResourceOrder; a topology has none, so all are equal and the order stays.)
     */
    private static List<PowerResource> resolve(DeviceSpec d, List<String> names, String method,
            OrderedIndex<String, PowerResource> resources) {
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
        return companions.values();
    }

    /** Power resources in topology order. */
    Collection<PowerResource> resources() {
        return resources.values();
    }

    boolean hasResource(String name) {
        return resources.get(name) != null;
    }

    /** Whether a fault target names a function whose companion has {@code _PS0}. */
    boolean hasPs0(String bdf) {
        AcpiDevice dev = companionNamed(bdf);
        return dev != null && dev.hasPsMethod(AcpiState.D0);
    }

    boolean hasPs3(String bdf) {
        AcpiDevice dev = companionNamed(bdf);
        return dev != null && dev.hasPsMethod(AcpiState.D3HOT);
    }

    /**
     * The companion a fault target names, spelled exactly as {@link AcpiDevice#name()} (the lower-case
     * {@code DDDD:BB:DD.F} that {@code _PSx} evaluations are checked against), or {@code null}.
     * Looked up rather than kept in sets of names: those cost a string entry per companion.
     */
    private AcpiDevice companionNamed(String name) {
        Bdf bdf;
        try {
            bdf = Bdf.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        AcpiDevice dev = companions.get(bdf);
        // parse also takes upper-case hex, which names no target
        return dev != null && dev.name().equals(name) ? dev : null;
    }
}
