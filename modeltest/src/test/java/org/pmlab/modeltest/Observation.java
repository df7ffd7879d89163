package org.pmlab.modeltest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.pm.api.PmDeviceLink;
import org.pmlab.pm.api.PmInfo;

/**
 * What a user can observe of a machine at rest, split in two:
 * <ul>
 * <li>{@link #counts}: per device, its configuration and the counts every path must give back —
 * driver and {@code driver_override}, {@code d3cold_allowed}, {@code power/control},
 * {@code power/wakeup}, usage count (less the references its device links hold for their
 * consumers, {@link #linkReferences}), {@code runtime_enabled} (disable depth), no_callbacks,
 * irq_safe, ignore_children, autosuspend use and delay, {@code enable_cnt} (for a bridge only
 * whether it is enabled: {@code pci_enable_bridge} enables a disabled bridge above a function
 * being enabled, for good, so its count depends on the order its users came in),
 * {@code sriov_numvfs},
 * vfio-pci's open count and user state; plus the firmware's name, the device links and the armed
 * faults;</li>
 * <li>{@link #power}: where the power went — runtime status and error, active children,
 * {@code power_state}, the configuration registers, each power resource (on, references,
 * users) and each ACPI companion's recorded state.</li>
 * </ul>
 * Left out on purpose: history (accumulated active/suspended times, last-busy stamps, the
 * clock, the kernel log and trace, how often each {@code _ON}/{@code _OFF} ran), vfio's
 * {@code needs_reset}/{@code reset_works} (what the device's resets did so far), and the
 * I/O and memory decoding bits of the command register ({@link #DECODE}), and the
 * difference between {@code unknown} and {@code D0} in {@code power_state}: a function nobody
 * has powered yet reads "unknown" though it is on, and the first D0 request makes it D0.
 */
record Observation(Map<String, String> counts, Map<String, String> power) {

    /**
     * I/O and memory decoding: {@code pci_enable_device} turns them on and
     * {@code pci_disable_device} leaves them on (do_pci_disable_device clears only bus
     * mastering), so they tell whether a function was ever enabled, not what it holds now.
     */
    static final int DECODE = ConfigRegisters.COMMAND_IO | ConfigRegisters.COMMAND_MEMORY;

    static Observation of(World w) {
        return of(w.host.m, w.host);
    }

    static Observation of(Machine m, Host host) {
        Map<String, String> counts = new LinkedHashMap<>();
        Map<String, String> power = new LinkedHashMap<>();
        for (PciDevice d : m.pci().devices()) {
            PmInfo i = d.pm().info();
            String k = d.bdf().toString();
            counts.put(k, "driver " + d.driver().orElse("-") + " override " + d.driverOverride().orElse("-")
                    + " d3cold_allowed " + (d.d3coldAllowed() ? 1 : 0) + " control " + i.control()
                    + " wakeup " + (d.wakeupCapable() ? d.wakeupEnabled() ? "enabled" : "disabled" : "-")
                    + " usage " + (i.usageCount() - linkReferences(m, d.pm())) + " disable_depth " + i.disableDepth()
                    + flags(i) + (d.isBridge() ? " enabled " + (d.enableCount() > 0) : " enable_cnt " + d.enableCount())
                    + " numvfs " + d.numVfs()
                    + vfio(host, d));
            PowerState s = d.currentState() == PowerState.UNKNOWN ? PowerState.D0 : d.currentState();
            ConfigRegisters c = d.config();
            power.put(k, i.runtimeStatus() + " error " + i.runtimeError() + " kids " + i.childCount() + " " + s.label()
                    + " command 0x" + Integer.toHexString(c.command() & ~DECODE) + " pmcsr 0x" + Integer.toHexString(c.pmcsr())
                    + " msi 0x" + Integer.toHexString(c.msiControl()) + " bars " + c.bars());
        }
        for (PmDevice d : m.pmDevices().all()) {
            if (m.pci().devices().stream().noneMatch(p -> p.pm() == d)) {
                PmInfo i = d.info();
                counts.put(d.name(), "usage " + (i.usageCount() - linkReferences(m, d)) + " disable_depth " + i.disableDepth() + flags(i));
                power.put(d.name(), i.runtimeStatus() + " error " + i.runtimeError() + " kids " + i.childCount());
            }
        }
        counts.put("firmware", m.firmware().activeName());
        List<String> links = new ArrayList<>();
        for (PmDevice d : m.pmDevices().all()) {
            for (PmDeviceLink l : m.pmDevices().consumers(d)) {
                links.add(l.name() + " " + l.flags() + " " + l.status());
            }
        }
        counts.put("links", links.toString());
        counts.put("faults", m.faults().list().toString());
        PlatformPm ops = m.firmware().ops().orElse(null);
        if (ops != null) {
            for (PowerResourceView r : ops.powerResources()) {
                power.put("resource " + r.name(), (r.on() ? "on" : "off") + " refs " + r.refCount() + " " + r.users());
            }
            power.put("acpi", new TreeMap<>(ops.deviceStates()).toString());
        }
        return new Observation(counts, power);
    }

    /**
     * The references a supplier's runtime-PM links hold for their consumers ({@code rpm_active}
     * − 1 each). A link takes them when its consumer resumes ({@code rpm_get_suppliers}) and
     * drops them when it suspends, so how many it holds depends on whether the consumer resumed
     * since the link was added: {@code quirk_gpu_hda} links an HD-audio function that is active
     * already, and the link holds none until that function has suspended and resumed once.
     */
    static int linkReferences(Machine m, PmDevice supplier) {
        int n = 0;
        for (PmDeviceLink l : m.pmDevices().consumers(supplier)) {
            if (l.live() && l.flags().contains(org.pmlab.pm.api.DeviceLinkFlag.PM_RUNTIME)) {
                n += l.rpmActive() - 1;
            }
        }
        return n;
    }

    private static String flags(PmInfo i) {
        return (i.noCallbacks() ? " no_callbacks" : "") + (i.irqSafe() ? " irq_safe" : "")
                + (i.ignoreChildren() ? " ignore_children" : "")
                + (i.useAutosuspend() ? " autosuspend " + i.autosuspendDelayMs() + "ms" : "");
    }

    private static String vfio(Host host, PciDevice d) {
        if (host == null) {
            return "";
        }
        return host.user.info(d.bdf()).map(v -> " vfio open " + v.openCount() + " disable_idle_d3 "
                + (v.disableIdleD3() ? 1 : 0) + " irq " + v.irqType() + (v.intxMasked() ? " intx_masked" : "")
                + (v.pmIntxMasked() ? " pm_intx_masked" : "") + (v.pmRuntimeEngaged() ? " low_power" : "")
                + (v.sriovActive() ? " sriov_active" : "") + (v.pmWakeEventfd() ? " wake_eventfd" : ""))
                .orElse("");
    }

    /** Every key whose value differs, with both values. */
    static List<String> diff(Map<String, String> actual, Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        for (String k : union(actual, expected)) {
            String a = actual.get(k);
            String e = expected.get(k);
            if (a == null ? e != null : !a.equals(e)) {
                out.add(k + ":\n      now   " + a + "\n      fresh " + e);
            }
        }
        return out;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                keys.add(k);
            }
        }
        return keys;
    }
}
