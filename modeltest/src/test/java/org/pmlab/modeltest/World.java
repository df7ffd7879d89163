package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RpmRequest;
import org.pmlab.pm.api.RuntimeStatus;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.api.Topology;

/**
 * One run of the tester: the machine and what the tester itself holds on it (open file
 * descriptors, eventfds, mappings, BAR accesses in flight, bare devices and the references it
 * took on them, the links it added, the faults it armed), plus the log of what every operation
 * did, for the report.
 */
final class World {

    final Scenario scenario;
    final Host host;
    final Topology topology;
    final KernelVersion kernel;

    final List<Integer> deviceFds = new ArrayList<>();
    final List<Integer> eventFds = new ArrayList<>();
    final List<Integer> maps = new ArrayList<>();
    final List<Integer> holds = new ArrayList<>();
    /** Bare devices (pm:device add) by name, in creation order, with the usage count the tester expects. */
    final Map<String, Bare> bare = new LinkedHashMap<>();
    final List<PmDeviceLink> links = new ArrayList<>();
    /** An {@code _OFF} was armed: references without a holder are the kernel's own leftovers from then on. */
    boolean offFaultArmed;
    boolean disableIdleD3;
    /** Functions whose driver's remove may not mirror its probe: see {@link #noteConditionChange}. */
    final Set<String> unbalancedByDriver = new HashSet<>();

    /** The native profiles whose probe and remove branch on {@code pci_dev_run_wake} or {@code pci_choose_state}. */
    static final Set<String> CONDITIONAL_DRIVERS = Set.of("e1000e", "xhci_hcd", "pcieport");
    int bareNames;
    final List<String> log = new ArrayList<>();

    /**
     * Per parent (by name): how many of its children {@code pm_runtime_force_suspend} marked
     * suspended without giving it their child count ({@link #noteForceSuspend}).
     */
    final Map<String, Integer> forcedKids = new HashMap<>();
    /** Parents whose child count the tester no longer follows exactly ({@link #noteForceSuspend}). */
    final Set<String> kidsUntracked = new HashSet<>();
    /** Bare devices with {@code needs_force_resume} set, as the tester follows it. */
    final Set<String> needsForceResume = new HashSet<>();

    /** A bare device and the usage count its helpers should have left (null: not tracked any more). */
    static final class Bare {
        final PmDevice dev;
        Integer expectedUsage = 0;

        Bare(PmDevice dev) {
            this.dev = dev;
        }
    }

    World(Scenario scenario, Host host) {
        this.scenario = scenario;
        this.host = host;
        this.topology = host.m.topology();
        this.kernel = host.m.kernel();
        this.disableIdleD3 = scenario.disableIdleD3();
    }

    List<PciDevice> pci() {
        return host.m.pci().devices();
    }

    /** The PCI function a choice stands for (address order); the function list changes with SR-IOV. */
    PciDevice pci(int choice) {
        List<PciDevice> all = pci();
        return all.get(Math.floorMod(choice, all.size()));
    }

    /** Every runtime PM device the tester may aim a helper or a link at: PCI functions, then bare devices. */
    List<PmDevice> pmTargets() {
        List<PmDevice> out = new ArrayList<>();
        for (PciDevice d : pci()) {
            out.add(d.pm());
        }
        for (Bare b : bare.values()) {
            out.add(b.dev);
        }
        return out;
    }

    /** Forgets what the machine took back: fds closed by an unbind, mappings and accesses revoked. */
    void prune() {
        deviceFds.removeIf(fd -> host.user.device(fd).isEmpty());
        eventFds.removeIf(fd -> host.user.eventfdCount(fd) == Errno.EBADF.negative());
        links.removeIf(l -> !l.live());
    }

    /**
     * A kernel imbalance the model reproduces: e1000e's probe drops a usage count when
     * {@code pci_dev_run_wake} holds and its remove takes one back when it holds at remove time
     * (e1000_probe/e1000_remove); xhci_pci_probe takes a {@code pm_runtime_get} when
     * {@code pci_choose_state} is D0 and xhci_pci_remove puts it when D0 at remove time (and
     * usb_hcd_pci_probe/remove do as e1000e); pcie_portdrv_probe puts its reference and
     * pcie_portdrv_remove takes one back when {@code pci_bridge_d3_possible} holds, which for
     * a hot-plug port follows the firmware ({@code platform_pci_bridge_d3}). When the answer
     * changes in between — the target
     * state follows {@code d3cold_allowed} and the firmware, run-wake also the wake-up
     * capability of the bridges above, which the PME service of their port driver sets — the
     * kernel itself leaves a usage count behind or drops one it never took. The tester notes
     * the functions where that may have happened and does not blame the model for their usage
     * count at rest.
     */
    void noteConditionChange(PciDevice d) {
        if (d.driver().filter(CONDITIONAL_DRIVERS::contains).isPresent()) {
            unbalancedByDriver.add(d.bdf().toString());
        }
    }

    /**
     * What {@code pm_runtime_force_suspend} did to the parent's child count. It disables runtime
     * PM and returns at once for a device whose status is suspended; otherwise it runs the
     * suspend callback and, when {@code pm_runtime_need_not_resume} holds (usage ≤ 1, no active
     * children unless ignored), sets the status with {@code pm_runtime_set_suspended}, which
     * gives the parent its child count back; when it does not, it only sets the status
     * ({@code __update_runtime_status}) and {@code needs_force_resume}, and the parent keeps
     * counting the child until {@code pm_runtime_force_resume} makes it active again. The
     * disable's resume ({@code __pm_runtime_disable} with a resume request pending) may make a
     * suspended device active first, or fail on its parent: the tester then stops following
     * that parent's child count.
     */
    void noteForceSuspend(PmDevice d, PmInfo before, int result) {
        String parent = d.parent().map(PmDevice::name).orElse(null);
        boolean suspended = before.status() == RuntimeStatus.SUSPENDED;
        if (suspended && before.disableDepth() == 0 && before.requestPending() && before.request() == RpmRequest.RESUME) {
            if (parent != null) {
                kidsUntracked.add(parent);
            }
            return;
        }
        if (result != 0 || suspended) {
            return; // the callback failed (runtime PM enabled again), or the early return
        }
        boolean needNotResume = before.usageCount() <= 1 && (before.childCount() == 0 || before.ignoreChildren());
        if (!needNotResume) {
            needsForceResume.add(d.name());
            if (parent != null) {
                forcedKids.merge(parent, 1, Integer::sum);
            }
        }
    }

    /**
     * {@code pm_runtime_force_resume}: a device with {@code needs_force_resume} whose status is
     * still suspended becomes active, the parent's child count already counting it (if its
     * callback fails, {@code pm_runtime_set_suspended} takes the count back); the flag is cleared
     * in any case. One made active meanwhile ({@code pm_runtime_set_active} took a count of its
     * own) leaves the parent's extra count for good.
     */
    void noteForceResume(PmDevice d, PmInfo before) {
        if (needsForceResume.remove(d.name()) && before.status() == RuntimeStatus.SUSPENDED) {
            d.parent().ifPresent(p -> forcedKids.merge(p.name(), -1, Integer::sum));
        }
    }

    /** Whether a device still present keeps a child count that no active child holds ({@link #noteForceSuspend}). */
    boolean forcedKidsLeft() {
        for (PmDevice d : host.m.pmDevices().all()) {
            if (kidsUntracked.contains(d.name()) || forcedKids.getOrDefault(d.name(), 0) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A swap attached ACPI to functions already in D0 and some companion took another state
     * ({@code acpi_bus_init_power}: the state inferred from its power resources, D3hot or
     * D3cold when its {@code _PR0} resources are off). Nothing reconciles them while the
     * function stays in D0 ({@code pci_set_power_state(D0)} returns early for a function
     * already there), so the function does not hold the resources it needs and another user's
     * D3cold turns them off under it: power and registers the fresh machine, which never had
     * that hand-over, keeps (see Rest#handoverUnreconciled for the one at boot).
     */
    boolean handedOverUnreconciled;
    /** The wind-down could not swap back to the boot firmware (Rest#stuckByFailedResume). */
    boolean swapBackRefused;

    void noteHandover() {
        host.m.firmware().ops().ifPresent(ops -> {
            for (PciDevice d : pci()) {
                String st = ops.deviceStates().get(d.bdf());
                PowerState s = d.currentState();
                if (st != null && (s == PowerState.D0 || s == PowerState.UNKNOWN) && !st.equals("D0")) {
                    handedOverUnreconciled = true;
                }
            }
        });
    }

    /** {@link #noteConditionChange} for every function at or below {@code d}. */
    void noteConditionChangeBelow(PciDevice d) {
        noteConditionChange(d);
        for (PciDevice c : d.subordinates()) {
            noteConditionChangeBelow(c);
        }
    }

    static <T> T pick(List<T> list, int choice) {
        return list.isEmpty() ? null : list.get(Math.floorMod(choice, list.size()));
    }

    /** The bare devices that are nobody's parent, in creation order. */
    List<Bare> bareLeaves() {
        Set<String> parents = new HashSet<>();
        for (Bare b : bare.values()) {
            b.dev.parent().ifPresent(p -> parents.add(p.name()));
        }
        List<Bare> out = new ArrayList<>();
        for (Bare b : bare.values()) {
            if (!parents.contains(b.dev.name())) {
                out.add(b);
            }
        }
        return out;
    }

    /** Whether the bare device takes part in a link or has irq-safe children: its usage count is then not the tester's alone. */
    boolean sharedUsage(PmDevice d) {
        if (!host.m.pmDevices().suppliers(d).isEmpty() || !host.m.pmDevices().consumers(d).isEmpty()) {
            return true;
        }
        for (PmDevice o : host.m.pmDevices().all()) {
            if (o.parent().filter(p -> p == d).isPresent() && o.info().irqSafe()) {
                return true;
            }
        }
        return false;
    }

    static String errno(int r) {
        if (r >= 0) {
            return Integer.toString(r);
        }
        return Errno.of(r).map(e -> "-" + e.name()).orElse(Integer.toString(r));
    }

    static String bdf(PciDevice d) {
        return d.bdf().toString();
    }

    static Bdf bdf(String s) {
        return Bdf.parse(s);
    }
}
