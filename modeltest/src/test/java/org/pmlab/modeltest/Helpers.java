package org.pmlab.modeltest;

import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmInfo;
import org.pmlab.pm.api.RuntimePm;
import org.pmlab.sim.api.KernelVersion;

/**
 * The runtime PM helpers of pm_runtime.h on a bare device, each with what it does to the usage
 * count by the kernel's rules for the machine's version: the tester's reference model of that
 * count (a put at zero is refused from 5.19, {@code rpm_drop_usage_count}, and goes negative
 * before; a get keeps its reference even when the resume fails; resume_and_get drops it then).
 */
final class Helpers {
    private Helpers() {
    }

    private static final String[] NAMES = {"get_noresume", "put_noidle", "get", "get_sync", "resume_and_get",
        "get_if_active", "get_if_in_use", "put", "put_sync", "put_autosuspend", "put_sync_suspend",
        "put_sync_autosuspend", "idle", "request_idle", "suspend", "autosuspend", "request_autosuspend",
        "schedule_suspend", "resume", "request_resume", "barrier", "enable", "disable", "allow", "forbid",
        "set_active", "set_suspended", "mark_last_busy", "set_autosuspend_delay", "use_autosuspend",
        "dont_use_autosuspend", "no_callbacks", "irq_safe", "ignore_children", "force_suspend", "force_resume",
        "get_if_active ign", "disable nocheck"};

    private static final int[] DELAYS = {-1, 0, 50, 1000};

    /**
     * What a {@code pm_runtime_put} the kernel makes on a bare device for someone else does to
     * its expected count: from 5.19 a put at zero is refused ({@code rpm_drop_usage_count}).
     */
    static void putBy(World w, World.Bare bd) {
        if (bd.expectedUsage != null) {
            int u = bd.expectedUsage;
            bd.expectedUsage = w.kernel.atLeast(KernelVersion.V5_19) && u <= 0 ? u : u - 1;
        }
    }

    static String run(World w, World.Bare bd, int b, int c) {
        RuntimePm rpm = w.host.m.runtimePm();
        PmDevice d = bd.dev;
        String name = NAMES[Math.floorMod(b, NAMES.length)];
        PmInfo before = d.info();
        int u = before.usageCount();
        boolean guards = w.kernel.atLeast(KernelVersion.V5_19);
        int delay = DELAYS[Math.floorMod(c, DELAYS.length)];
        Integer expected = u; // most helpers leave the count alone
        String result;
        switch (name) {
            case "get_noresume" -> {
                rpm.getNoresume(d);
                expected = u + 1;
                result = "";
            }
            case "put_noidle" -> {
                rpm.putNoidle(d);
                expected = u == 0 ? 0 : u - 1;
                result = "";
            }
            case "get" -> {
                result = World.errno(rpm.get(d));
                expected = u + 1;
            }
            case "get_sync" -> {
                result = World.errno(rpm.getSync(d));
                expected = u + 1;
            }
            case "resume_and_get" -> {
                int r = rpm.resumeAndGet(d);
                result = World.errno(r);
                // on failure the reference is dropped again with put_noidle (atomic_add_unless)
                expected = r < 0 ? (u + 1 == 0 ? 0 : u) : u + 1;
            }
            case "get_if_active", "get_if_in_use", "get_if_active ign" -> {
                int r = name.equals("get_if_in_use") ? rpm.getIfInUse(d) : rpm.getIfActive(d, name.endsWith("ign"));
                result = World.errno(r);
                expected = r == 1 ? u + 1 : u;
            }
            case "put", "put_sync", "put_autosuspend", "put_sync_suspend", "put_sync_autosuspend" -> {
                int r = switch (name) {
                    case "put" -> rpm.put(d);
                    case "put_sync" -> rpm.putSync(d);
                    case "put_autosuspend" -> rpm.putAutosuspend(d);
                    case "put_sync_suspend" -> rpm.putSyncSuspend(d);
                    default -> rpm.putSyncAutosuspend(d);
                };
                result = World.errno(r);
                expected = guards && u <= 0 ? u : u - 1;
            }
            case "idle" -> result = World.errno(rpm.idle(d));
            case "request_idle" -> result = World.errno(rpm.requestIdle(d));
            case "suspend" -> result = World.errno(rpm.suspend(d));
            case "autosuspend" -> result = World.errno(rpm.autosuspend(d));
            case "request_autosuspend" -> result = World.errno(rpm.requestAutosuspend(d));
            case "schedule_suspend" -> result = World.errno(rpm.scheduleSuspend(d, Math.max(delay, 0)));
            case "resume" -> result = World.errno(rpm.resume(d));
            case "request_resume" -> result = World.errno(rpm.requestResume(d));
            case "barrier" -> {
                result = World.errno(rpm.barrier(d));
                expected = u + 1 == 0 ? 0 : u; // +1, then -1 unless that reached 0
            }
            case "enable" -> {
                rpm.enable(d);
                result = "";
            }
            case "disable", "disable nocheck" -> {
                boolean pendingResume = before.requestPending() && before.request() == org.pmlab.pm.api.RpmRequest.RESUME;
                rpm.disable(d, name.equals("disable"));
                result = "";
                if (name.equals("disable") && before.disableDepth() == 0 && pendingResume) {
                    expected = u + 1 == 0 ? 0 : u;
                }
            }
            case "allow" -> {
                rpm.allow(d);
                result = "";
                if (!before.runtimeAuto()) {
                    expected = guards && u - 1 < 0 ? u : u - 1;
                }
            }
            case "forbid" -> {
                rpm.forbid(d);
                result = "";
                if (before.runtimeAuto()) {
                    expected = u + 1;
                }
            }
            case "set_active" -> result = World.errno(rpm.setActive(d));
            case "set_suspended" -> result = World.errno(rpm.setSuspended(d));
            case "mark_last_busy" -> {
                rpm.markLastBusy(d);
                result = "";
            }
            case "set_autosuspend_delay", "use_autosuspend", "dont_use_autosuspend" -> {
                boolean oldUse = before.useAutosuspend();
                int oldDelay = before.autosuspendDelayMs();
                boolean use = oldUse;
                int newDelay = oldDelay;
                if (name.equals("set_autosuspend_delay")) {
                    rpm.setAutosuspendDelay(d, delay);
                    newDelay = delay;
                } else if (name.equals("use_autosuspend")) {
                    rpm.useAutosuspend(d);
                    use = true;
                } else {
                    rpm.dontUseAutosuspend(d);
                    use = false;
                }
                result = "";
                // update_autosuspend: a negative delay in use holds one reference
                boolean held = oldUse && oldDelay < 0;
                boolean holds = use && newDelay < 0;
                expected = holds && !held ? u + 1 : !holds && held ? u - 1 : u;
            }
            case "no_callbacks" -> {
                rpm.noCallbacks(d);
                result = "";
            }
            case "irq_safe" -> {
                rpm.irqSafe(d);
                result = "";
                d.parent().ifPresent(p -> {
                    World.Bare pb = w.bare.get(p.name());
                    if (pb != null && pb.expectedUsage != null) {
                        pb.expectedUsage = pb.expectedUsage + 1; // pm_runtime_get_sync(parent)
                    }
                });
            }
            case "ignore_children" -> {
                rpm.suspendIgnoreChildren(d, c % 2 == 0);
                result = "";
            }
            case "force_suspend" -> {
                int r = rpm.forceSuspend(d);
                result = World.errno(r);
                w.noteForceSuspend(d, before, r);
            }
            case "force_resume" -> {
                result = World.errno(rpm.forceResume(d));
                w.noteForceResume(d, before);
            }
            default -> throw new IllegalStateException(name);
        }
        if (bd.expectedUsage != null) {
            bd.expectedUsage = expected;
        }
        return "pm:" + name.replace(' ', '_') + " " + d.name() + (result.isEmpty() ? "" : " = " + result);
    }
}
