package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.DeviceLinkFlag;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.LogLine;
import org.pmlab.sysfs.api.SysfsException;
import org.pmlab.sysfs.api.SysfsView;
import org.pmlab.topology.api.AcpiDeviceSpec;

/**
 * What must hold after every operation, each check named so a report says which one broke:
 * <dl>
 * <dt>counts</dt><dd>usage counts ≥ 0 (from 5.19, {@code rpm_drop_usage_count}; before, a
 * bare device's own puts and a driver remove that does not mirror its probe may drive it
 * below), child counts ≥ 0, {@code enable_cnt} ≥ 0; a bare
 * device's usage count is what its helpers leave by the kernel's rules;</dd>
 * <dt>children</dt><dd>each device's child count equals its children whose status is active
 * (no transition is in flight between two operations of one thread), plus those
 * {@code pm_runtime_force_suspend} marked suspended without giving the count back
 * ({@link World#noteForceSuspend});</dd>
 * <dt>parent</dt><dd>no active child under a suspended parent unless the parent ignores its
 * children or has runtime PM disabled (the rule {@code __pm_runtime_set_status} enforces), or
 * had it enabled in that state ({@code pm_runtime_enable} only warns), or the child is
 * irq-safe ({@code rpm_resume} skips its parent);</dd>
 * <dt>links</dt><dd>a runtime-PM link that holds references on its supplier for the consumer
 * ({@code rpm_active} above 1) has an active (or disabled) supplier, and the supplier's usage
 * count covers those references (unless its own puts or a driver's unbalanced remove may have
 * spent them); a link without any (added while the consumer was active,
 * without {@code DL_FLAG_RPM_ACTIVE}, as {@code quirk_gpu_hda} adds its) lets the supplier
 * suspend under an active consumer, as in the kernel;</dd>
 * <dt>d3cold</dt><dd>a function is in D3cold only when ACPI is the firmware, its companion has
 * a valid D3cold (power-manageable, {@code _PR0} and {@code _PR3}) and ACPI records it in
 * D3cold, or when a bridge above it is in D3cold (its power went with the bridge's), or when
 * the power resources its companion lists are all off (main power follows them), or while
 * the resume {@code pci_resume_bus} queued for it after its bridge came back is pending, or
 * when it has no PM capability and ACPI put its companion in D3hot for a D3cold request
 * ({@code pci_update_current_state} then records the state asked for);</dd>
 * <dt>resources</dt><dd>each ACPI power resource's reference count equals its users, and its
 * users are exactly the companions whose recorded state lists it ({@code _PR0} in D0,
 * {@code _PR3} in D3hot; a companion in "unknown" state after a failed transition may hold
 * either); it is on when referenced. References nobody holds are allowed once an {@code _OFF}
 * has been made to fail ({@code acpi_power_off_unlocked} restores the count after a failed
 * {@code _OFF});</dd>
 * <dt>sysfs</dt><dd>the sysfs view shows what the model holds: the device list, each driver's
 * bound devices and the devlinks after every operation; each function's power, runtime and
 * driver attributes for one function after every operation (in turn), for all of them every
 * {@link Tester#FULL_SYSFS_EVERY} operations and at the end of a run (every attribute read is a
 * path walk through the tree);</dd>
 * <dt>log</dt><dd>the kernel never warns about a PCI function's usage count or enable
 * balance.</dd>
 * </dl>
 */
final class Invariants {
    private Invariants() {
    }

    /**
     * @param sysfs which functions to compare with the sysfs view, by index in address order
     *        (each one's attributes cost a path walk apiece): all of them, or none
     */
    static List<String> check(World w, boolean sysfsToo) {
        return check(w, sysfsToo ? SysfsScope.ALL : SysfsScope.NONE, 0);
    }

    /** Which functions' attributes {@link #check} reads through the sysfs view; the lists are always compared. */
    enum SysfsScope { NONE, ONE, ALL }

    static List<String> check(World w, SysfsScope scope, int rotation) {
        List<String> v = new ArrayList<>();
        Machine m = w.host.m;
        Map<String, PciDevice> pci = new HashMap<>();
        for (PciDevice d : m.pci().devices()) {
            pci.put(d.bdf().toString(), d);
        }
        Map<PmDevice, PmInfo> info = new HashMap<>();
        for (PmDevice d : m.pmDevices().all()) {
            info.put(d, d.info());
        }
        boolean guards = w.kernel.atLeast(org.pmlab.sim.api.KernelVersion.V5_19);
        for (Map.Entry<PmDevice, PmInfo> e : info.entrySet()) {
            PmDevice d = e.getKey();
            PmInfo i = e.getValue();
            if (i.usageCount() < 0 && !mayGoNegative(w, d, guards)) {
                v.add("counts: " + d.name() + " usage count " + i.usageCount());
            }
            if (i.childCount() < 0) {
                v.add("counts: " + d.name() + " child count " + i.childCount());
            }
            if (i.status() == RuntimeStatus.SUSPENDING || i.status() == RuntimeStatus.RESUMING) {
                v.add("counts: " + d.name() + " left " + i.status() + " between operations");
            }
            int active = 0;
            for (Map.Entry<PmDevice, PmInfo> c : info.entrySet()) {
                if (c.getKey().parent().filter(p -> p == d).isPresent() && c.getValue().status() == RuntimeStatus.ACTIVE) {
                    active++;
                }
            }
            int forced = w.forcedKids.getOrDefault(d.name(), 0);
            if (i.childCount() != active + forced && !w.kidsUntracked.contains(d.name())) {
                v.add("children: " + d.name() + " child count " + i.childCount() + " but " + active + " active children"
                        + (forced == 0 ? "" : " and " + forced + " pm_runtime_force_suspend left counted"));
            }
            Optional<PmDevice> parent = d.parent();
            // (an irq-safe child: rpm_resume skips its parent, which pm_runtime_irq_safe's
            // pm_runtime_get_sync should keep resumed but may have failed to resume)
            if (i.status() == RuntimeStatus.ACTIVE && parent.isPresent() && !i.irqSafe()) {
                PmInfo p = info.get(parent.get());
                if (p != null && p.status() != RuntimeStatus.ACTIVE && !p.ignoreChildren() && p.disableDepth() == 0
                        && !enabledWithActiveChildren(m, parent.get())) {
                    v.add("parent: " + d.name() + " is active under " + parent.get().name() + " which is " + p.runtimeStatus());
                }
            }
            World.Bare b = w.bare.get(d.name());
            if (b != null && b.expectedUsage != null && !w.sharedUsage(d) && b.expectedUsage != i.usageCount()) {
                v.add("counts: bare " + d.name() + " usage count " + i.usageCount() + ", its helpers leave "
                        + b.expectedUsage);
            }
        }
        links(w, m, info, v);
        for (PciDevice d : pci.values()) {
            if (d.enableCount() < 0) {
                v.add("counts: " + d.bdf() + " enable_cnt " + d.enableCount());
            }
            d3cold(w, d, v);
        }
        resources(w, v);
        for (LogLine l : m.log().lines()) {
            String t = l.text();
            if ((t.contains("usage count underflow") || t.contains("Unbalanced pm_runtime_enable")
                    || t.contains("disabling already-disabled device")) && mentionsPci(t, pci)
                    && w.unbalancedByDriver.stream().noneMatch(t::contains)) {
                // (a driver whose remove does not mirror its probe underflows in the kernel too: World#noteConditionChange)
                v.add("log: " + t);
            }
        }
        if (scope != SysfsScope.NONE) {
            sysfs(w, v, scope == SysfsScope.ALL ? -1 : rotation);
        }
        return v;
    }

    /**
     * {@code __pm_runtime_set_status} refuses an active child under a suspended parent only
     * while the parent has runtime PM enabled; a parent enabled afterwards keeps that state, and
     * {@code pm_runtime_enable} only warns ("Enabling runtime PM for inactive device with active
     * children"). Once it has warned for a parent, the state is the kernel's own.
     */
    private static boolean enabledWithActiveChildren(Machine m, PmDevice parent) {
        String warning = parent.name() + ": Enabling runtime PM for inactive device with active children";
        for (LogLine l : m.log().lines()) {
            if (l.text().endsWith(warning)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsPci(String text, Map<String, PciDevice> pci) {
        for (String bdf : pci.keySet()) {
            if (text.contains(bdf)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Before 5.19 ({@code rpm_drop_usage_count} came in 5.19) a put below zero is not refused: a
     * bare device's own puts drive its count below zero, and so does {@code pci_device_remove}'s
     * {@code pm_runtime_put_noidle} after a port driver's remove that did not take back the
     * reference its probe dropped ({@code pcie_portdrv_remove}, see World#noteConditionChange).
     */
    private static boolean mayGoNegative(World w, PmDevice d, boolean guards) {
        return !guards && (w.bare.containsKey(d.name()) || w.unbalancedByDriver.contains(d.name()));
    }

    /**
     * Whether something other than the links may drop the usage count their references are part
     * of: a bare device's own puts ({@code pm_runtime_put_noidle} drops a reference whoever took
     * it, the one {@code rpm_get_suppliers} took for a link included), and a function whose
     * driver's remove did not mirror its probe ({@code pci_device_remove}'s
     * {@code pm_runtime_put_noidle}, see World#noteConditionChange).
     */
    private static boolean spendsLinkReferences(World w, PmDevice d) {
        return w.bare.containsKey(d.name()) || w.unbalancedByDriver.contains(d.name());
    }

    private static void links(World w, Machine m, Map<PmDevice, PmInfo> info, List<String> v) {
        Map<PmDevice, Integer> held = new HashMap<>();
        for (PmDevice d : info.keySet()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d)) {
                if (!l.live() || !l.flags().contains(DeviceLinkFlag.PM_RUNTIME)) {
                    continue;
                }
                if (l.rpmActive() < 1) {
                    v.add("links: " + l.name() + " rpm_active " + l.rpmActive());
                }
                held.merge(d, l.rpmActive() - 1, Integer::sum);
                PmInfo c = info.get(l.consumer());
                PmInfo s = info.get(d);
                if (c != null && s != null && l.rpmActive() > 1 && s.status() != RuntimeStatus.ACTIVE
                        && s.disableDepth() == 0) {
                    v.add("links: " + l.name() + " holds " + (l.rpmActive() - 1) + " references for consumer "
                            + l.consumer().name() + " (" + c.runtimeStatus() + "), supplier " + d.name() + " is "
                            + s.runtimeStatus());
                }
            }
        }
        for (Map.Entry<PmDevice, Integer> e : held.entrySet()) {
            int usage = info.get(e.getKey()).usageCount();
            if (usage < e.getValue() && !spendsLinkReferences(w, e.getKey())) {
                v.add("links: supplier " + e.getKey().name() + " usage count " + usage + " below the " + e.getValue()
                        + " references its links hold");
            }
        }
    }

    /** Whether the firmware could have put this function itself into D3cold. */
    static boolean d3coldCapable(World w, PciDevice d) {
        if (!w.host.m.firmware().activeName().equals("acpi-sim")) {
            return false;
        }
        AcpiDeviceSpec a = d.spec().acpi();
        return a != null && a.powerManageable() && !a.pr0().isEmpty() && !a.pr3().isEmpty();
    }

    private static void d3cold(World w, PciDevice d, List<String> v) {
        if (d.currentState() != PowerState.D3COLD) {
            return;
        }
        for (Optional<PciDevice> up = d.upstreamBridge(); up.isPresent(); up = up.get().upstreamBridge()) {
            if (up.get().currentState() == PowerState.D3COLD) {
                return;
            }
        }
        PmInfo i = d.pm().info();
        if (i.status() == RuntimeStatus.SUSPENDED && i.requestPending() && i.request() == RpmRequest.RESUME) {
            // its bridge came back and pci_resume_bus queued its resume: until the work queue
            // runs it, the function still reads the D3cold its bridge's power cut left
            return;
        }
        PlatformPm ops = w.host.m.firmware().ops().orElse(null);
        if (ops != null && unpoweredByResources(d, ops)) {
            // the power resources it needs went off (another user's transition): main power
            // follows the platform, whatever state its companion records
            return;
        }
        if (ops != null && d.spec().pm() == null && ops.getState(d) == PowerState.D3HOT) {
            // no PM capability: pci_update_current_state has no PMCSR to read and records the
            // state pci_platform_power_transition asked for, D3cold, while ACPI, whose companion
            // has no valid D3cold (no _PR0/_PR3), did what acpi_device_set_power does for it: D3hot
            return;
        }
        if (!d3coldCapable(w, d) || ops == null || ops.getState(d) != PowerState.D3COLD) {
            v.add("d3cold: " + d.bdf() + " is in D3cold under " + w.host.m.firmware().activeName()
                    + (ops == null ? "" : " (platform state " + ops.getState(d) + ")")
                    + (d.spec().acpi() == null ? ", no ACPI companion" : ""));
        }
    }

    /** Whether every ACPI power resource the function's companion lists ({@code _PR0}, {@code _PR3}) is off. */
    private static boolean unpoweredByResources(PciDevice d, PlatformPm ops) {
        AcpiDeviceSpec a = d.spec().acpi();
        if (a == null || a.pr0().isEmpty()) {
            return false;
        }
        Set<String> needed = new HashSet<>(a.pr0());
        needed.addAll(a.pr3());
        for (PowerResourceView r : ops.powerResources()) {
            if (needed.contains(r.name()) && r.on()) {
                return false;
            }
        }
        return true;
    }

    private static void resources(World w, List<String> v) {
        PlatformPm ops = w.host.m.firmware().ops().orElse(null);
        if (ops == null || !w.host.m.firmware().activeName().equals("acpi-sim")) {
            return;
        }
        Map<Bdf, String> states = ops.deviceStates();
        Map<String, Set<String>> expected = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        for (PciDevice d : w.host.m.pci().devices()) {
            AcpiDeviceSpec a = d.spec().acpi();
            String st = states.get(d.bdf());
            if (a == null || st == null || !a.powerManageable() || a.pr0().isEmpty()) {
                continue;
            }
            List<String> list = switch (st) {
                case "D0" -> a.pr0();
                case "D3hot" -> a.pr3();
                default -> List.of();
            };
            if (st.equals("unknown")) {
                unknown.add(d.bdf().toString());
            }
            for (String r : list) {
                expected.computeIfAbsent(r, k -> new HashSet<>()).add(d.bdf().toString());
            }
        }
        for (PowerResourceView r : ops.powerResources()) {
            Set<String> users = new HashSet<>(r.users());
            Set<String> want = expected.getOrDefault(r.name(), Set.of());
            Set<String> missing = new HashSet<>(want);
            missing.removeAll(users);
            Set<String> extra = new HashSet<>(users);
            extra.removeAll(want);
            extra.removeAll(unknown);
            if (!missing.isEmpty() || !extra.isEmpty()) {
                v.add("resources: " + r.name() + " users " + r.users() + ", companions whose state lists it " + want
                        + (unknown.isEmpty() ? "" : ", unknown " + unknown));
            }
            if (w.offFaultArmed ? r.refCount() < users.size() : r.refCount() != users.size()) {
                v.add("resources: " + r.name() + " has " + r.refCount() + " references and " + users.size() + " users "
                        + r.users());
            }
            if (!w.offFaultArmed && r.on() != r.refCount() > 0) {
                v.add("resources: " + r.name() + " is " + (r.on() ? "on" : "off") + " with " + r.refCount()
                        + " references");
            }
        }
    }

    /** @param only the index of the one function whose attributes are read, or -1 for all */
    private static void sysfs(World w, List<String> v, int only) {
        Machine m = w.host.m;
        SysfsView s = w.host.sysfs;
        List<String> listed = s.list("/sys/bus/pci/devices").stream().map(e -> e.name()).toList();
        List<String> model = m.pci().devices().stream().map(d -> d.bdf().toString()).toList();
        if (!listed.equals(model)) {
            v.add("sysfs: /sys/bus/pci/devices lists " + listed + ", the model has " + model);
            return;
        }
        List<PciDevice> devices = m.pci().devices();
        for (int k = 0; k < devices.size(); k++) {
            if (only >= 0 && k != Math.floorMod(only, devices.size())) {
                continue;
            }
            PciDevice d = devices.get(k);
            String dir = "/sys/bus/pci/devices/" + d.bdf() + "/";
            PmInfo i = d.pm().info();
            expect(v, s, dir + "power_state", d.currentState().label());
            expect(v, s, dir + "d3cold_allowed", d.d3coldAllowed() ? "1" : "0");
            expect(v, s, dir + "driver_override", d.driverOverride().orElse("(null)"));
            expect(v, s, dir + "power/runtime_status", i.runtimeStatus());
            expect(v, s, dir + "power/runtime_usage", Integer.toString(i.usageCount()));
            expect(v, s, dir + "power/runtime_active_kids", Integer.toString(i.activeKids()));
            expect(v, s, dir + "power/runtime_enabled", i.runtimeEnabled());
            if (!i.noCallbacks()) {
                expect(v, s, dir + "power/control", i.control());
            }
            if (d.wakeupCapable()) {
                expect(v, s, dir + "power/wakeup", d.wakeupEnabled() ? "enabled" : "disabled");
            }
            if (d.spec().sriov() != null && !d.isVirtfn()) {
                expect(v, s, dir + "sriov_numvfs", Integer.toString(d.numVfs()));
            }
            String link;
            try {
                link = s.readlink(dir + "driver");
            } catch (SysfsException e) {
                link = null;
            }
            String drv = d.driver().orElse(null);
            if (drv == null ? link != null : link == null || !link.endsWith("/drivers/" + drv)) {
                v.add("sysfs: " + dir + "driver links to " + link + ", the model binds " + drv);
            }
        }
        for (String drv : m.pci().drivers()) {
            List<String> bound = s.list("/sys/bus/pci/drivers/" + drv).stream()
                    .filter(e -> e.kind() == org.pmlab.sysfs.api.SysfsEntry.Kind.LINK).map(e -> e.name()).toList();
            List<String> want = m.pci().devices().stream().filter(d -> d.driver().filter(drv::equals).isPresent())
                    .map(d -> d.bdf().toString()).toList();
            if (!bound.equals(want)) {
                v.add("sysfs: /sys/bus/pci/drivers/" + drv + " lists " + bound + ", the model binds " + want);
            }
        }
        List<String> devlinks = s.list("/sys/class/devlink").stream().map(e -> e.name()).sorted().toList();
        List<String> modelLinks = new ArrayList<>();
        for (PciDevice d : m.pci().devices()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d.pm())) {
                if (model.contains(l.consumer().name())) {
                    modelLinks.add(l.name());
                }
            }
        }
        modelLinks.sort(null);
        if (!devlinks.equals(modelLinks)) {
            v.add("sysfs: /sys/class/devlink lists " + devlinks + ", the model links " + modelLinks);
        }
    }

    private static void expect(List<String> v, SysfsView s, String path, String value) {
        String got;
        try {
            got = s.read(path).strip();
        } catch (SysfsException e) {
            got = "error " + e.reason();
        }
        if (!got.equals(value)) {
            v.add("sysfs: " + path + " reads '" + got + "', the model holds '" + value + "'");
        }
    }
}
