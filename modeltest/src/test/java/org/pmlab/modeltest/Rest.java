package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.vfio.internal.VfioModules;

/**
 * The end of a run: the user closes everything and undoes every setting through the same
 * user-level calls (faults cleared, mappings, BAR accesses and fds closed, links and bare
 * devices removed, VFs disabled, each function's driver, override and sysfs settings back to
 * what boot gave it, the boot firmware back), each bridge's D3 verdict is re-evaluated
 * ({@link #bridgeCheck}), each function gets one idle check (its {@code power/control} written
 * "on", then its boot value), time runs out, and the machine must then equal a freshly booted
 * one given the same checks: {@link Observation} says over what.
 * <p>
 * The idle check is needed by the kernel's rules: {@code pm_runtime_resume} without a reference
 * ({@code d3cold_allowed_store}, a firmware swap's bring-back) cancels an active device's
 * pending idle or autosuspend request and queues none (rpm_resume: "other scheduled or pending
 * requests need to be canceled"), so the device stays active at usage 0 until something checks
 * it again; writing {@code power/control} is how a user does that.
 * <p>
 * One exception, by the kernel's own rules: a runtime error is sticky. A failed resume (or a
 * suspend that failed with anything but -EAGAIN/-EBUSY) leaves {@code runtime_error} set until
 * {@code __pm_runtime_set_status}, which PCI calls only when it enumerates the function; such a
 * device keeps whatever status it had, and so may its parents, their power and the power
 * resources; one a failed resume keeps in D3cold also keeps the firmware that holds it there
 * ({@link #stuckByFailedResume}). Likewise an ACPI companion left in "unknown" by a failed transition, and
 * references a failed {@code _OFF} left behind. And a device link that holds references on
 * its supplier where the fresh machine's holds none: a link takes them when its consumer
 * resumes ({@code rpm_get_suppliers}) and keeps them while the consumer is active, so a
 * consumer whose driver keeps it active holds its supplier active once it has resumed, while on
 * the fresh machine ({@code quirk_gpu_hda} links a function that is active already) it never
 * did. Likewise a companion the fresh machine never reconciled with its function
 * ({@link #handoverUnreconciled}) or that a swap to ACPI left so
 * ({@link World#handedOverUnreconciled}), a function left with another usage count by a
 * driver whose remove did not mirror its probe ({@link #usageLeftUnbalanced}), and a parent
 * left with a child count no child holds ({@link World#noteForceSuspend}). A run with such a
 * scar is compared on {@link Observation#counts} only, which every path must still give back.
 * <p>
 * One imbalance is the kernel's own: see {@link World#noteConditionChange}.
 */
final class Rest {
    private Rest() {
    }

    /** How a run ended: the differences from a fresh machine, and whether the power part was compared. */
    record Outcome(List<String> differences, boolean powerCompared) {
    }

    static Outcome windDownAndCompare(World w) {
        Host fresh = Host.boot(w.scenario.topology(), w.kernel, w.scenario.firmware(), w.scenario.disableIdleD3());
        fresh.m.clock().settle();
        windDown(w, fresh);
        Map<String, String> controls = new java.util.LinkedHashMap<>();
        for (PciDevice f : fresh.m.pci().devices()) {
            controls.put(f.bdf().toString(), f.pm().info().control());
        }
        bridgeCheck(w.host);
        bridgeCheck(fresh);
        idleCheck(w.host, controls);
        idleCheck(fresh, controls);
        w.host.m.clock().settle();
        fresh.m.clock().settle();
        Observation now = Observation.of(w);
        Observation then = Observation.of(fresh.m, fresh);
        Map<String, String> nowCounts = withoutUsage(now.counts(), w.unbalancedByDriver);
        Map<String, String> thenCounts = withoutUsage(then.counts(), w.unbalancedByDriver);
        if (w.swapBackRefused) {
            // a failed resume keeps the run's firmware (stuckByFailedResume): the rest is still compared
            nowCounts.remove("firmware");
            thenCounts.remove("firmware");
        }
        List<String> diff = new ArrayList<>(Observation.diff(nowCounts, thenCounts));
        boolean scarred = scarred(w) || !linkReferences(w.host.m).equals(linkReferences(fresh.m))
                || handoverUnreconciled(w.host.m, fresh.m) || usageLeftUnbalanced(w, fresh.m)
                || w.forcedKidsLeft() || w.handedOverUnreconciled || w.swapBackRefused;
        if (!scarred) {
            diff.addAll(Observation.diff(now.power(), then.power()));
        }
        if (!w.host.m.clock().pending().isEmpty()) {
            diff.add("pending work after settling: " + w.host.m.clock().pending());
        }
        return new Outcome(diff, !scarred);
    }

    /** The counts with the usage count of the given functions left out ({@link World#noteConditionChange}). */
    private static Map<String, String> withoutUsage(Map<String, String> counts, java.util.Set<String> bdfs) {
        Map<String, String> out = new java.util.LinkedHashMap<>(counts);
        for (String b : bdfs) {
            out.computeIfPresent(b, (k, v) -> withoutAutosuspend(v.replaceAll(" usage -?\\d+",
                    " usage (driver remove unbalanced by the kernel: not compared)")));
        }
        return out;
    }

    /**
     * pcie_portdrv_remove calls pm_runtime_dont_use_autosuspend only when
     * {@code pci_bridge_d3_possible} holds at remove time, as its probe used autosuspend only
     * when it held then: a port whose answer changed in between keeps autosuspend in use after
     * its driver went, or never used it, so autosuspend is not compared for it either.
     */
    private static String withoutAutosuspend(String counts) {
        return counts.contains("driver pcieport ")
                ? counts.replaceAll(" autosuspend -?\\d+ms", "") : counts;
    }

    /**
     * Whether every function still in D3cold is held there by a failed resume, its own or a
     * bridge's above it, so that nothing brings it back to D0 and the lab refuses to swap away
     * the firmware that holds it powered down: a sticky runtime error ({@code rpm_resume}
     * answers -EINVAL while {@code power.runtime_error} is set), or a runtime resume that
     * "succeeded" without power ({@code pci_pm_runtime_resume} ignores what
     * {@code pci_pm_default_resume_early}'s {@code pci_power_up} answered, -EIO for a function
     * still inaccessible, so the device is active in D3cold and {@code rpm_resume} has nothing
     * to do for it).
     */
    static boolean stuckByFailedResume(org.pmlab.machine.api.Machine m) {
        boolean any = false;
        for (PciDevice d : m.pci().devices()) {
            if (d.currentState() != org.pmlab.hw.api.PowerState.D3COLD) {
                continue;
            }
            any = true;
            boolean error = resumeFailed(d);
            for (var up = d.upstreamBridge(); !error && up.isPresent(); up = up.get().upstreamBridge()) {
                error = resumeFailed(up.get());
            }
            if (!error) {
                return false;
            }
        }
        return any;
    }

    private static boolean resumeFailed(PciDevice d) {
        PmInfo i = d.pm().info();
        return i.runtimeError() != 0
                || d.currentState() == org.pmlab.hw.api.PowerState.D3COLD && i.status() == org.pmlab.pm.api.RuntimeStatus.ACTIVE;
    }

    /**
     * Whether a function whose driver's remove may not have mirrored its probe
     * ({@link World#noteConditionChange}) kept a usage count other than the fresh machine's. The
     * kernel's imbalance is then real power: e1000_remove's {@code pm_runtime_get_noresume} when
     * {@code pci_dev_run_wake} holds at remove but did not at probe (or pcie_portdrv_remove's
     * when {@code pci_bridge_d3_possible} changed) is a reference nobody gives back, which keeps
     * the function, and the bridges above it, active where the fresh machine's suspend.
     */
    static boolean usageLeftUnbalanced(World w, org.pmlab.machine.api.Machine fresh) {
        for (String b : w.unbalancedByDriver) {
            PciDevice now = w.host.m.pci().find(World.bdf(b)).orElse(null);
            PciDevice then = fresh.pci().find(World.bdf(b)).orElse(null);
            if (now != null && then != null && now.pm().info().usageCount() != then.pm().info().usageCount()) {
                return true;
            }
        }
        return false;
    }

    /** Each device link's references on its supplier for its consumer ({@code rpm_active} − 1), by link name. */
    static Map<String, Integer> linkReferences(org.pmlab.machine.api.Machine m) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (PmDevice d : m.pmDevices().all()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d)) {
                out.put(l.name(), l.rpmActive() - 1);
            }
        }
        return out;
    }

    /**
     * A function the fresh machine never powered through its companion, which still holds the
     * state firmware handed over (a D0 function whose companion booted in D3hot because its
     * {@code _PR0} resources were off: {@code pci_set_power_state(D0)} returns early for a
     * function already in D0, so nothing reconciles them until the function first goes down),
     * while the run did power it: the companion and its resources then legitimately differ.
     */
    static boolean handoverUnreconciled(org.pmlab.machine.api.Machine now, org.pmlab.machine.api.Machine fresh) {
        var freshOps = fresh.firmware().ops().orElse(null);
        var nowOps = now.firmware().ops().orElse(null);
        if (freshOps == null || nowOps == null) {
            return false;
        }
        for (var e : freshOps.deviceStates().entrySet()) {
            PciDevice f = fresh.pci().find(e.getKey()).orElse(null);
            if (f != null && !e.getValue().equals(f.currentState().label())
                    && !e.getValue().equals(nowOps.deviceStates().get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    static boolean scarred(World w) {
        for (PmDevice d : w.host.m.pmDevices().all()) {
            if (d.info().runtimeError() != 0) {
                return true;
            }
        }
        var ops = w.host.m.firmware().ops().orElse(null);
        if (ops != null) {
            if (ops.deviceStates().containsValue("unknown")) {
                return true;
            }
            for (var r : ops.powerResources()) {
                if (r.refCount() != r.users().size()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void windDown(World w, Host fresh) {
        var m = w.host.m;
        var u = w.host.user;
        m.faults().clear();
        w.prune();
        for (int token : w.holds) {
            u.releaseMemoryLock(token);
        }
        for (int map : w.maps) {
            u.munmap(map);
        }
        for (int fd : w.deviceFds) {
            u.lowPowerExit(fd);
            u.close(fd);
        }
        for (int fd : w.eventFds) {
            u.close(fd);
        }
        w.holds.clear();
        w.maps.clear();
        w.deviceFds.clear();
        w.eventFds.clear();
        // each reference the tester took on a stateless link; a managed one goes with its bare device below
        for (PmDeviceLink l : w.links) {
            if (l.live() && l.flags().contains(org.pmlab.pm.api.DeviceLinkFlag.STATELESS)) {
                m.pmDevices().linkDel(l);
            }
        }
        w.links.clear();
        // pm_runtime_force_suspend's counterpart: gives the parents the child counts it left them
        for (World.Bare b : w.bare.values()) {
            if (w.needsForceResume.contains(b.dev.name())) {
                PmInfo before = b.dev.info();
                m.runtimePm().forceResume(b.dev);
                w.noteForceResume(b.dev, before);
            }
        }
        while (!w.bare.isEmpty()) {
            for (World.Bare b : w.bareLeaves()) {
                m.pmDevices().remove(b.dev);
                w.bare.remove(b.dev.name());
            }
        }
        for (PciDevice pf : m.pci().devices()) {
            if (pf.numVfs() > 0) {
                Op.echo(w, Op.devicePath(pf) + "/sriov_numvfs", "0");
            }
        }
        // vfio-pci takes disable_idle_d3 when it probes with nothing bound: unbind it everywhere first
        Map<String, String> bootDriver = new java.util.HashMap<>();
        for (PciDevice f : fresh.m.pci().devices()) {
            bootDriver.put(f.bdf().toString(), f.driver().orElse(null));
        }
        for (PciDevice d : m.pci().devices()) {
            String now = d.driver().orElse(null);
            String then = bootDriver.get(d.bdf().toString());
            if (now != null && (!now.equals(then) || now.equals("vfio-pci"))) {
                m.pci().unbind(d.bdf());
            }
        }
        VfioModules.setDisableIdleD3(w.host.vfio, w.scenario.disableIdleD3());
        w.disableIdleD3 = w.scenario.disableIdleD3();
        if (!m.firmware().activeName().equals(fresh.m.firmware().activeName())) {
            // as Op.SWAP: a driver probed under the other firmware met other answers
            // (pci_bridge_d3_possible, pci_dev_run_wake) than its remove, or the fresh probe, will
            w.pci().forEach(w::noteConditionChange);
            try {
                m.firmware().swap(Host.firmware(w.scenario.firmware()));
            } catch (IllegalStateException e) {
                if (!stuckByFailedResume(m)) {
                    throw e;
                }
                w.swapBackRefused = true;
            }
        }
        for (PciDevice f : fresh.m.pci().devices()) {
            PciDevice d = m.pci().find(f.bdf()).orElse(null);
            if (d == null) {
                continue;
            }
            PmInfo want = f.pm().info();
            String dir = Op.devicePath(d);
            Op.echo(w, dir + "/driver_override", f.driverOverride().orElse("\n"));
            if (d.d3coldAllowed() != f.d3coldAllowed()) {
                Op.echo(w, dir + "/d3cold_allowed", f.d3coldAllowed() ? "1" : "0");
            }
            if (d.wakeupCapable() && d.wakeupEnabled() != f.wakeupEnabled()) {
                Op.echo(w, dir + "/power/wakeup", f.wakeupEnabled() ? "enabled" : "disabled");
            }
            if (d.driver().isEmpty() && f.driver().isPresent()) {
                Op.echo(w, "/sys/bus/pci/drivers/" + f.driver().get() + "/bind", d.bdf().toString());
            }
            PmInfo have = d.pm().info();
            if (have.useAutosuspend() && have.autosuspendDelayMs() != want.autosuspendDelayMs()) {
                Op.echo(w, dir + "/power/autosuspend_delay_ms", Integer.toString(want.autosuspendDelayMs()));
            }
        }
    }

    /**
     * Every function's {@code d3cold_allowed} written with the value it has: each bridge's
     * {@code bridge_d3} is then what its children's present settings give on both machines.
     * The kernel caches that verdict and {@code pci_bridge_d3_update} re-evaluates it only when
     * a child is added, removed or has its {@code d3cold_allowed} written
     * ({@code d3cold_allowed_store}); then {@code pci_dev_check_d3cold} sees each child's wake-up
     * setting as it is now. A fresh machine took its verdict when each child was added, before
     * its driver enabled wake-up (xhci_hcd does), so a port the run re-evaluated (VFs added and
     * removed below it) may rightly be kept in D0 where the fresh one suspends
     * ({@code pcie_port_runtime_idle} answers -EBUSY without {@code bridge_d3}). The write's
     * {@code pm_runtime_resume} is undone by the idle check that follows.
     */
    private static void bridgeCheck(Host h) {
        for (PciDevice d : h.m.pci().devices()) {
            Op.write(h, "/sys/bus/pci/devices/" + d.bdf() + "/d3cold_allowed", d.d3coldAllowed() ? "1" : "0");
        }
    }

    /**
     * Every function's {@code power/control} written "on", then its boot value: each function
     * is resumed once and, where allowed, idles again. Done on the fresh machine as well, so
     * both have powered every function once (a function nobody has powered yet keeps what
     * firmware handed over: "unknown", its companion's boot state).
     */
    private static void idleCheck(Host h, Map<String, String> bootControls) {
        for (Map.Entry<String, String> e : bootControls.entrySet()) {
            String dir = "/sys/bus/pci/devices/" + e.getKey();
            Op.write(h, dir + "/power/control", "on");
            Op.write(h, dir + "/power/control", e.getValue());
        }
    }
}
