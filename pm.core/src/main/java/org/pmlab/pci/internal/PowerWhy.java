package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.PmHold;
import org.pmlab.pci.api.WhyBlock;
import org.pmlab.pci.api.WhyLine;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimeStatus;

/**
 * {@code pci:why}: the decisions behind a function's power state and each bridge's above it,
 * in the kernel's order (runtime PM's checks, {@code pci_target_state}, the bridge rules, the
 * power resources). Every verdict comes from the rule that decides it — {@link BridgeD3Policy}'s
 * checks and vetoes, {@link PowerTransitions#target}, the platform's own reasons — so the
 * explanation cannot drift from the model. It reads state only: nothing is resumed or changed.
 */
final class PowerWhy {

    private final PciHost host;

    PowerWhy(PciHost host) {
        this.host = host;
    }

    List<WhyBlock> explain(PciDev dev) {
        List<WhyBlock> out = new ArrayList<>();
        for (PciDev d = dev; d != null; d = d.bridge) {
            out.add(block(d));
        }
        return out;
    }

    private static String sysfs(PciDev d) {
        return "/sys/bus/pci/devices/" + d.bdf;
    }

    private WhyBlock block(PciDev d) {
        List<WhyLine> lines = new ArrayList<>();
        Set<String> lower = new LinkedHashSet<>();
        PmInfo pm = d.pm.info();
        String heading = d.bdf + "  " + (d.spec.isBridge() ? d.spec.portType().word() + "  " : "") + (d.driver == null ? "(no driver)" : d.driver.name()) + "  " + d.currentState().label()
                + "  " + pm.runtimeStatus();
        comeback(d, lines, lower);
        runtime(d, pm, lines, lower);
        target(d, pm, lines, lower);
        if (d.spec.isBridge()) {
            bridge(d, lines, lower);
        }
        resources(d, lines);
        return new WhyBlock(d.bdf, heading, lines, new ArrayList<>(lower));
    }

    // ---- 1. runtime PM: rpm_check_suspend_allowed's order, then the idle and suspend callbacks ----

    private void runtime(PciDev d, PmInfo pm, List<WhyLine> lines, Set<String> lower) {
        String fn = "rpm_check_suspend_allowed";
        if (pm.runtimeError() != 0) {
            lines.add(WhyLine.of(fn, "runtime_error=" + pm.runtimeError() + " -> -EINVAL (sticky until "
                    + "pm_runtime_set_active or pm_runtime_set_suspended)"));
            lower.add("clear the runtime PM error of " + d.bdf + " (rebind its driver)");
            return;
        }
        if (pm.disableDepth() > 0) {
            lines.add(WhyLine.of(fn, "disable_depth=" + pm.disableDepth() + " -> -EACCES (runtime PM disabled)"));
            return;
        }
        if (pm.usageCount() > 0) {
            lines.add(WhyLine.of(fn, "usage_count=" + pm.usageCount() + " -> -EAGAIN"));
            holds(d, pm, lines, lower);
            return;
        }
        List<PciDev> active = activeChildren(d);
        if (!pm.ignoreChildren() && pm.childCount() > 0) {
            lines.add(WhyLine.of(fn, "child_count=" + pm.childCount() + " -> -EBUSY"));
            for (PciDev c : active) {
                lines.add(new WhyLine(1, fn + "(" + c.bdf + ")", decisive(c)));
                Leaf leaf = leaf(c);
                lower.add(leaf.dev.bdf + " must suspend first" + (leaf.dev == c ? "" : " (it keeps " + leaf.chain + " active)")
                        + ": " + leaf.lower);
            }
            return;
        }
        if (pm.status() == RuntimeStatus.SUSPENDED) {
            lines.add(WhyLine.of("rpm_suspend", "usage_count=0, child_count=0 -> suspended"));
            return;
        }
        // nothing in the core refuses: the callbacks decide
        PciDriver drv = d.driver;
        if (drv != null && drv.pm() == null) {
            lines.add(WhyLine.of("pci_pm_runtime_idle", drv.name() + " has no dev_pm_ops -> -ENOSYS"));
            lower.add("bind " + d.bdf + " to a driver with dev_pm_ops");
            return;
        }
        if (drv instanceof PcieportDriver && !d.bridgeD3) {
            lines.add(WhyLine.of("pcie_port_runtime_idle", "bridge_d3=0 -> -EBUSY"));
            return;
        }
        if (pm.timerExpiresNs() != 0) {
            lines.add(WhyLine.of("rpm_suspend", String.format("autosuspend timer armed, expires at %.6f s",
                    pm.timerExpiresNs() / 1e9)));
        } else {
            lines.add(WhyLine.of("rpm_idle", "usage_count=0, child_count=0: nothing refuses; runtime_status "
                    + pm.runtimeStatus()));
        }
    }

    private List<PciDev> activeChildren(PciDev d) {
        List<PciDev> out = new ArrayList<>();
        for (PciDev c : d.subordinates) {
            if (c.registered && c.pm.info().status() == RuntimeStatus.ACTIVE) {
                out.add(c);
            }
        }
        return out;
    }

    /** Who holds the references, as each layer reports it; the rest is named as unaccounted. */
    private void holds(PciDev d, PmInfo pm, List<WhyLine> lines, Set<String> lower) {
        List<PmHold> holds = new ArrayList<>();
        if (!pm.runtimeAuto()) {
            holds.add(new PmHold(1, "pm_runtime_forbid", "power/control=on" + (d.driver == null
                    ? " (pci_pm_init's default: no driver allowed runtime PM)" : ""),
                    "echo auto > " + sysfs(d) + "/power/control"));
        }
        PciDriver drv = d.driver;
        if (drv != null) {
            holds.addAll(drv.pmHolds(d));
        }
        int counted = 0;
        for (PmHold h : holds) {
            counted += h.count();
            lines.add(new WhyLine(1, h.function(), h.reason() + (h.count() == 1 ? "" : " (" + (h.count() == 0
                    ? "holds none" : h.count() + " references") + ")")));
            if (h.count() > 0 && h.lower() != null) {
                lower.add(h.lower());
            }
        }
        if (pm.usageCount() > counted) {
            lines.add(new WhyLine(1, "pm_runtime_get", (pm.usageCount() - counted)
                    + " held that no layer accounts for (a pm:get, or a caller in the middle of a step)"));
            lower.add("drop the extra references (pm:put " + d.bdf + ")");
        } else if (pm.usageCount() < counted) {
            lines.add(new WhyLine(1, "usage_count", "the layers account for " + counted + " references but usage_count is "
                    + pm.usageCount() + " (a leak or an underflow)"));
        }
    }

    /** What keeps a child active, in one line: its decisive check, and for a bridge the child below that keeps it. */
    private String decisive(PciDev c) {
        List<WhyLine> lines = new ArrayList<>();
        runtime(c, c.pm.info(), lines, new LinkedHashSet<>());
        StringBuilder sb = new StringBuilder();
        for (WhyLine l : lines) {
            if (l.depth() == 0) {
                sb.append(sb.length() == 0 ? "" : "; ").append(l.detail());
            } else if (l.function().startsWith("rpm_check_suspend_allowed(")) {
                sb.append(", as ").append(l.function().substring("rpm_check_suspend_allowed(".length(),
                        l.function().length() - 1)).append(": ").append(l.detail());
                break; // one child is enough to keep it active
            } else {
                sb.append(sb.indexOf("held by") < 0 ? ", held by " : "; ").append(l.function()).append(": ")
                        .append(l.detail());
            }
        }
        return sb.toString();
    }

    /** The function at the bottom of a chain of active children, and what would let it suspend. */
    private record Leaf(PciDev dev, String chain, String lower) {
    }

    private Leaf leaf(PciDev c) {
        List<String> chain = new ArrayList<>();
        PciDev cur = c;
        while (true) {
            PmInfo pm = cur.pm.info();
            List<PciDev> active = activeChildren(cur);
            if (pm.runtimeError() == 0 && pm.disableDepth() == 0 && pm.usageCount() == 0 && !pm.ignoreChildren()
                    && pm.childCount() > 0 && !active.isEmpty()) {
                chain.add(0, cur.bdf.toString());
                cur = active.get(0);
                continue;
            }
            Set<String> lower = new LinkedHashSet<>();
            runtime(cur, pm, new ArrayList<>(), lower);
            return new Leaf(cur, String.join(", ", chain), lower.isEmpty() ? "it is in use" : lower.iterator().next());
        }
    }

    // ---- 2. the target state: pci_finish_runtime_suspend -> pci_target_state ----

    /** A function that did not come back from D3cold, as the kernel found it. */
    private void comeback(PciDev d, List<WhyLine> lines, Set<String> lower) {
        if (d.disconnected) {
            lines.add(WhyLine.of("pci_dev_set_disconnected", "pci_bridge_wait_for_secondary_bus gave up on the bus "
                    + "after D3cold -> config accesses refused, power_state stays D3cold, runtime resume does nothing"));
            lower.add(d.bdf + " is disconnected: only removal and a rescan bring it back (here: a reboot, sim:kernel)");
        } else if (d.physicallyPowered() && d.config.deadAfterPowerLoss()) {
            lines.add(WhyLine.of("pci_power_up", "PMCSR reads all ones after D3cold -> \"Unable to change power state "
                    + "from D3cold to D0, device inaccessible\", current_state D3cold"));
            lower.add(d.bdf + " did not come back from D3cold: cut its power again (let it and its port suspend), "
                    + "or keep it out of D3cold (disable_idle_d3=1, or echo 0 > d3cold_allowed)");
        }
    }

    private void target(PciDev d, PmInfo pm, List<WhyLine> lines, Set<String> lower) {
        boolean manageable = host.platform().powerManageable(d);
        lines.add(WhyLine.of("platform_pci_power_manageable", (manageable ? "1" : "0") + " (" + host.platform().name()
                + ": " + host.platform().manageableReason(d) + ")"));
        if (manageable) {
            lines.addAll(host.platform().chooseStateReasons(d));
        }
        PowerTransitions.Target t = host.power().target(d, d.wakeupCapable());
        String when = pm.status() == RuntimeStatus.SUSPENDED ? "" : " when it runtime-suspends";
        String detail = switch (t.rule()) {
            case PLATFORM -> "the platform chose " + t.state().label();
            case PLATFORM_NO_STATE -> "the platform gave no state -> D3hot";
            case ALREADY_D3COLD -> "already in D3cold (powered off by other means) -> D3cold";
            case NO_PM_CAP -> "no PM capability -> D0 (runtime suspend is only logical)";
            case PME -> "device_can_wakeup=1, PME from " + t.state().label() + " -> " + t.state().label();
            case NO_WAKEUP -> d.wakeupCapable() ? "device_can_wakeup=1, no PME from D3hot, D2 or D1 -> D3hot"
                    : "PM capability, device_can_wakeup=0 -> D3hot";
        };
        if (pm.status() == RuntimeStatus.SUSPENDED && d.currentState() != t.state() && t.state() != PowerState.D0) {
            detail += " (pci_set_power_state left it in " + d.currentState().label() + ")";
        }
        lines.add(WhyLine.of("pci_target_state", detail + when));
        PowerState effective = pm.status() == RuntimeStatus.SUSPENDED ? d.currentState() : t.state();
        if (effective == PowerState.D3HOT && !manageable && !d.isVirtfn()) {
            lower.add("D3cold needs platform power management (an ACPI companion with _PR0 and _PR3); firmware "
                    + host.platform().name() + " gives " + d.bdf + " none");
        } else if (effective == PowerState.D3HOT && manageable) {
            if (d.noD3cold) {
                lower.add("the driver of " + d.bdf + " set no_d3cold (pci_d3cold_disable)");
            } else if (!d.d3coldAllowed) {
                lower.add("echo 1 > " + sysfs(d) + "/d3cold_allowed");
            } else {
                lower.add("D3cold needs a _PR3 list in " + d.bdf + "'s ACPI companion (the firmware gives none)");
            }
        }
        if (t.state() == PowerState.D0 && t.rule() == PowerTransitions.TargetRule.NO_PM_CAP && !d.isVirtfn()) {
            lower.add(d.bdf + " has no PM capability: it stays in D0 whatever runtime PM does");
        }
        if (d.currentState() == PowerState.D3COLD && d.physicallyPowered()) {
            for (PowerResourceView r : host.platform().resourcesOf(d)) {
                if (r.on()) {
                    lines.add(WhyLine.of("acpi_power_off", r.name() + " still on, held by " + String.join(", ", r.users())
                            + " -> physically D3hot until the last holder drops it"));
                }
            }
        }
    }

    // ---- 3. bridges: pci_bridge_d3_possible, the cached bridge_d3, pcie_portdrv_probe ----

    private void bridge(PciDev b, List<WhyLine> lines, Set<String> lower) {
        BridgeD3Policy.Check c = host.bridgeD3().possibleCheck(b);
        int year = host.biosYear();
        String detail = switch (c) {
            case NOT_A_PORT -> "not a PCIe Root Port or switch port";
            case PORT_PM_OFF -> "pcie_port_pm=off";
            case FIRMWARE_HOTPLUG -> "hot-plug handled by firmware, not natively (checked before pcie_port_pm=force)";
            case FORCED -> "pcie_port_pm=force";
            case PLATFORM -> "platform_pci_bridge_d3 allows it";
            case NATIVE_HOTPLUG -> "native hot-plug bridge (pciehp) the platform does not bless";
            case BIOS_RECENT -> "BIOS year " + year + " >= " + BridgeD3Policy.biosYearD3Ok();
            case BIOS_OLD -> "BIOS year " + year + " < " + BridgeD3Policy.biosYearD3Ok();
        };
        lines.add(WhyLine.of("pci_bridge_d3_possible", detail + " -> " + (c.allowed ? 1 : 0)));
        if (c == BridgeD3Policy.Check.PLATFORM || c == BridgeD3Policy.Check.NATIVE_HOTPLUG) {
            WhyLine rule = host.platform().bridgeD3Reason(b);
            if (rule != null) {
                lines.add(rule.nested());
            }
        }
        switch (c) {
            case FIRMWARE_HOTPLUG -> lower.add(b.bdf + " may not go to D3 while firmware handles its hot-plug: no kernel "
                    + "parameter overrides this (pcie_port_pm=force comes after the check)");
            case NATIVE_HOTPLUG -> lower.add("pcie_port_pm=force (sim:param pcie_port_pm force), or _DSD "
                    + "HotPlugSupportInD3 on the Root Port's ACPI companion");
            case BIOS_OLD -> lower.add("pcie_port_pm=force (sim:param pcie_port_pm force): the kernel does not trust "
                    + "bridge D3 on a BIOS older than " + BridgeD3Policy.biosYearD3Ok());
            case PORT_PM_OFF -> lower.add("boot without pcie_port_pm=off (sim:param pcie_port_pm default)");
            default -> {
            }
        }
        // the cached verdict, and which child vetoes it now
        List<String> vetoes = new ArrayList<>();
        for (PciDev child : host.below(b)) {
            BridgeD3Policy.Veto v = BridgeD3Policy.veto(child);
            if (v != null) {
                String why = switch (v) {
                    case NO_D3COLD -> "no_d3cold=1";
                    case D3COLD_NOT_ALLOWED -> "d3cold_allowed=0";
                    case WAKEUP_WITHOUT_PME_D3COLD -> "wake-up enabled (device_may_wakeup) without PME from D3cold";
                    case BRIDGE_NOT_D3 -> "a bridge that may not go to D3 (bridge_d3=0)";
                };
                vetoes.add(child.bdf + " " + why);
                String fix = switch (v) {
                    case NO_D3COLD -> "the driver of " + child.bdf + " set no_d3cold";
                    case D3COLD_NOT_ALLOWED -> "echo 1 > " + sysfs(child) + "/d3cold_allowed";
                    case WAKEUP_WITHOUT_PME_D3COLD -> "echo disabled > " + sysfs(child) + "/power/wakeup, then write its "
                            + "d3cold_allowed (pci_bridge_d3_update runs only then)";
                    case BRIDGE_NOT_D3 -> "see " + child.bdf + " below";
                };
                if (c.allowed && v != BridgeD3Policy.Veto.BRIDGE_NOT_D3) {
                    lower.add(fix);
                }
            }
        }
        if (b.bridgeD3) {
            // set to pci_bridge_d3_possible() by pci_pm_init, cleared and set again by pci_bridge_d3_update
            lines.add(WhyLine.of("pci_bridge_d3_update", "bridge_d3=1" + (vetoes.isEmpty() ? " (no child vetoes in pci_dev_check_d3cold)"
                    : " (cached; pci_dev_check_d3cold would now refuse: " + String.join("; ", vetoes)
                            + " - re-evaluated only when a child is added or removed or d3cold_allowed is written)")));
        } else if (c.allowed) {
            lines.add(WhyLine.of("pci_bridge_d3_update", vetoes.isEmpty()
                    ? "bridge_d3=0 (cached; no child blocks D3 now - re-evaluated only when a child is added or removed "
                            + "or d3cold_allowed is written)"
                    : "pci_dev_check_d3cold: " + String.join("; ", vetoes) + " -> bridge_d3=0"));
            if (vetoes.isEmpty()) {
                lower.add("write d3cold_allowed of a function below " + b.bdf + " to re-run pci_bridge_d3_update");
            }
        } else {
            lines.add(WhyLine.of("pci_pm_init", "bridge_d3=pci_bridge_d3_possible()=0"));
        }
        if (b.driver instanceof PcieportDriver) {
            lines.add(WhyLine.of("pcie_portdrv_probe", "pci_bridge_d3_possible()=" + (b.portPmAllowedAtProbe ? 1 : 0)
                    + " at probe -> " + (b.portPmAllowedAtProbe ? "runtime PM allowed, autosuspend delay 100 ms"
                            : "runtime PM left forbidden, probe reference kept")));
            if (b.bridgeD3 && !b.portPmAllowedAtProbe) {
                lower.add("rebind pcieport to " + b.bdf + ": the probe-time answer is out of date");
            }
        }
    }

    // ---- 4. the power resources it needs for D0 ----

    private void resources(PciDev d, List<WhyLine> lines) {
        for (PowerResourceView r : host.platform().resourcesOf(d)) {
            lines.add(WhyLine.of("acpi_power_resource", r.name() + " " + (r.on() ? "on" : "off") + ", " + r.refCount()
                    + (r.refCount() == 1 ? " reference" : " references")
                    + (r.users().isEmpty() ? "" : " (" + String.join(", ", r.users()) + ")")));
        }
    }
}
