package org.pmlab.pci.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.DevPmOps;
import org.pmlab.pm.api.Errno;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.RpmCallback;
import org.pmlab.topology.api.DriverProfile;
import org.pmlab.topology.api.IdleCallback;
import org.pmlab.topology.api.ProfileStep;

/**
 * A native driver run from its {@link DriverProfile}: probe and remove make the profile's
 * kernel calls in order, on the device the driver core hands over (its probe reference held,
 * the device lock taken). Only a failing {@code pci_enable_device} fails a probe; the other
 * calls' results are ignored, as the drivers modelled here ignore them.
 */
final class ProfileDriver implements PciDriver {

    private final PciHost host;
    private final DriverProfile profile;
    private final DevPmOps ops;
    /** Functions enabled with pcim_enable_device, to be disabled when the driver's resources go. */
    private final Set<PciDev> managed = ConcurrentHashMap.newKeySet();

    ProfileDriver(PciHost host, DriverProfile profile) {
        this.host = host;
        this.profile = profile;
        this.ops = profile.pmOps() ? new DevPmOps(null, null, idleCallback(profile.idle())) : null;
    }

    DriverProfile profile() {
        return profile;
    }

    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public int probe(PciDevice d) {
        PciDev dev = host.own(d);
        int rc = run(profile.probe(), dev, true);
        if (rc < 0 && managed.remove(dev)) {
            host.core().disableDevice(dev); // devres_release_all after a failed probe
        }
        return rc;
    }

    @Override
    public void remove(PciDevice d) {
        PciDev dev = host.own(d);
        run(profile.remove(), dev, false);
        if (managed.remove(dev)) {
            host.core().disableDevice(dev); // pcim_release, when the driver's resources are released
        }
    }

    @Override
    public DevPmOps pm() {
        return ops;
    }

    /**
     * Runs the steps in order. A probe that fails gives back the usage counts its earlier steps
     * took, as the drivers' error paths do (xhci_pci_probe's {@code put_runtime_pm}: the
     * {@code pm_runtime_get_noresume} taken before {@code usb_hcd_pci_probe} is put back with
     * {@code pm_runtime_put_noidle} when that fails).
     */
    private int run(List<ProfileStep> steps, PciDev dev, boolean probing) {
        int taken = 0;
        for (ProfileStep s : steps) {
            if (!holds(s, dev)) {
                continue;
            }
            int rc = call(s, dev);
            if (probing && rc < 0) {
                for (; taken > 0; taken--) {
                    host.rpm().putNoidle(dev.pm);
                }
                return rc;
            }
            taken += usageDelta(s);
        }
        return 0;
    }

    /** What a step does to the usage count: +1 for a get, -1 for a put, 0 otherwise. */
    private static int usageDelta(ProfileStep s) {
        return switch (s.call()) {
            case PM_RUNTIME_GET_NORESUME, PM_RUNTIME_GET, PM_RUNTIME_GET_SYNC -> 1;
            case PM_RUNTIME_PUT_NOIDLE, PM_RUNTIME_PUT, PM_RUNTIME_PUT_SYNC, PM_RUNTIME_PUT_AUTOSUSPEND -> -1;
            default -> 0;
        };
    }

    private boolean holds(ProfileStep s, PciDev dev) {
        return switch (s.condition()) {
            case ALWAYS -> true;
            case RUN_WAKE -> host.power().runWake(dev);
            case NOT_RUN_WAKE -> !host.power().runWake(dev);
            case CHOOSE_STATE_D0 -> host.power().chooseSuspendState(dev) == PowerState.D0;
            case NOT_CHOOSE_STATE_D0 -> host.power().chooseSuspendState(dev) != PowerState.D0;
        };
    }

    /** One kernel call; returns a negative errno only where a failure fails the probe. */
    private int call(ProfileStep s, PciDev dev) {
        PmDevice pm = dev.pm;
        boolean on = s.arg() != 0;
        switch (s.call()) {
            case PCI_ENABLE_DEVICE, PCI_ENABLE_DEVICE_MEM -> {
                return host.core().enableDevice(dev);
            }
            case PCIM_ENABLE_DEVICE -> {
                int rc = host.core().enableDevice(dev);
                if (rc == 0) {
                    managed.add(dev);
                }
                return rc;
            }
            case PCI_DISABLE_DEVICE -> host.core().disableDevice(dev);
            case PCI_D3COLD_DISABLE -> host.bridgeD3().d3coldDisable(dev);
            case PCI_D3COLD_ENABLE -> host.bridgeD3().d3coldEnable(dev);
            case DEVICE_INIT_WAKEUP -> host.wakeup().init(dev, on);
            case DEVICE_SET_WAKEUP_CAPABLE -> host.wakeup().setCapable(dev, on);
            case DEVICE_SET_WAKEUP_ENABLE -> host.wakeup().setEnable(dev, on);
            case DEVICE_WAKEUP_ENABLE -> host.wakeup().enable(dev);
            case DEVICE_WAKEUP_DISABLE -> host.wakeup().disable(dev);
            case PM_RUNTIME_GET_NORESUME -> host.rpm().getNoresume(pm);
            case PM_RUNTIME_PUT_NOIDLE -> host.rpm().putNoidle(pm);
            case PM_RUNTIME_GET -> host.rpm().get(pm);
            case PM_RUNTIME_GET_SYNC -> host.rpm().getSync(pm);
            case PM_RUNTIME_PUT -> host.rpm().put(pm);
            case PM_RUNTIME_PUT_SYNC -> host.rpm().putSync(pm);
            case PM_RUNTIME_PUT_AUTOSUSPEND -> host.rpm().putAutosuspend(pm);
            case PM_RUNTIME_ALLOW -> host.rpm().allow(pm);
            case PM_RUNTIME_FORBID -> host.rpm().forbid(pm);
            case PM_RUNTIME_USE_AUTOSUSPEND -> host.rpm().useAutosuspend(pm);
            case PM_RUNTIME_DONT_USE_AUTOSUSPEND -> host.rpm().dontUseAutosuspend(pm);
            case PM_RUNTIME_SET_AUTOSUSPEND_DELAY -> host.rpm().setAutosuspendDelay(pm, s.arg());
            case PM_RUNTIME_MARK_LAST_BUSY -> host.rpm().markLastBusy(pm);
            default -> throw new IllegalStateException("unhandled profile call " + s.call());
        }
        return 0;
    }

    private RpmCallback idleCallback(IdleCallback idle) {
        int ebusy = Errno.EBUSY.negative();
        return switch (idle.kind()) {
            case NONE -> null;
            case RETURN -> d -> idle.value();
            // amdgpu_pmops_runtime_idle: restart the autosuspend delay, and keep the core from suspending now
            case AUTOSUSPEND -> d -> {
                host.rpm().markLastBusy(d);
                host.rpm().autosuspend(d);
                return 1;
            };
            // e1000e_pm_runtime_idle without link: suspend in a while, not now
            case SCHEDULE_SUSPEND -> d -> {
                host.rpm().scheduleSuspend(d, idle.value());
                return ebusy;
            };
        };
    }

    @Override
    public String toString() {
        return profile.name();
    }
}
