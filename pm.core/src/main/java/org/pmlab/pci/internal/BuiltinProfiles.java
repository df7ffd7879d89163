package org.pmlab.pci.internal;

import java.util.Arrays;
import java.util.List;
import org.pmlab.topology.api.DriverProfile;
import org.pmlab.topology.api.IdleCallback;
import org.pmlab.topology.api.ProfileStep;

/**
 * The native drivers pmlab knows, each written down from its kernel source (Linux 6.1; see
 * docs/native-drivers-wakeup-links.md for what each call stands for and what is left out).
 */
final class BuiltinProfiles {
    private BuiltinProfiles() {
    }

    static final List<DriverProfile> ALL = List.of(
            profile("e1000e", "Intel PCIe gigabit NIC (drivers/net/ethernet/intel/e1000e/netdev.c): wake-up on, "
                    + "runtime PM only when pci_dev_run_wake, never allowed by the driver",
                    steps("pci_enable_device_mem", "device_wakeup_enable", "pm_runtime_put_noidle if pci_dev_run_wake"),
                    steps("pm_runtime_get_noresume if pci_dev_run_wake", "pci_disable_device"),
                    "pm_schedule_suspend 5000"),
            profile("ixgbe", "Intel 10GbE NIC (drivers/net/ethernet/intel/ixgbe/ixgbe_main.c): no runtime PM; "
                    + "wake-up off (ixgbe_wol_supported is false for an 82599 SFP without a WoL subsystem ID)",
                    steps("pci_enable_device_mem", "device_set_wakeup_enable off"),
                    steps("pci_disable_device"),
                    "none"),
            profile("nvme", "NVMe controller (drivers/nvme/host/pci.c): enabled by the reset work, no runtime PM",
                    steps("pci_enable_device_mem"),
                    steps("pci_disable_device"),
                    "none"),
            profile("snd_hda_intel", "HD-audio controller with AZX_DCAPS_PM_RUNTIME (sound/pci/hda/hda_intel.c): "
                    + "autosuspend (no delay on the controller), allowed at probe, forbidden again at remove",
                    steps("pcim_enable_device", "pm_runtime_use_autosuspend", "pm_runtime_allow",
                            "pm_runtime_put_autosuspend"),
                    steps("pm_runtime_get_noresume", "pm_runtime_forbid", "pm_runtime_dont_use_autosuspend"),
                    "0"),
            profile("xhci_hcd", "xHCI USB controller (drivers/usb/host/xhci-pci.c, drivers/usb/core/hcd-pci.c) with "
                    + "XHCI_DEFAULT_PM_RUNTIME_ALLOW: wake-up on, runtime PM allowed unless it cannot leave D0",
                    steps("pm_runtime_get_noresume", "pci_enable_device", "device_wakeup_enable",
                            "pm_runtime_put_noidle if pci_dev_run_wake", "pm_runtime_put_noidle",
                            "pm_runtime_get if pci_choose_state=D0", "pm_runtime_allow if pci_choose_state!=D0"),
                    steps("pm_runtime_put if pci_choose_state=D0", "pm_runtime_forbid if pci_choose_state!=D0",
                            "pm_runtime_get_noresume if pci_dev_run_wake", "pci_disable_device"),
                    "none"),
            profile("amdgpu", "AMD GPU with runtime PM (BOCO/BACO; drivers/gpu/drm/amd/amdgpu/amdgpu_drv.c): "
                    + "5 s autosuspend, allowed at probe; its idle callback only restarts the delay",
                    steps("pci_enable_device", "pm_runtime_use_autosuspend", "pm_runtime_set_autosuspend_delay 5000",
                            "pm_runtime_allow", "pm_runtime_mark_last_busy", "pm_runtime_put_autosuspend"),
                    steps("pm_runtime_get_sync", "pm_runtime_forbid", "pm_runtime_dont_use_autosuspend",
                            "pci_disable_device"),
                    "pm_runtime_autosuspend"));

    private static DriverProfile profile(String name, String description, List<ProfileStep> probe,
            List<ProfileStep> remove, String idle) {
        return new DriverProfile(name, description, true, probe, remove, IdleCallback.parse(idle));
    }

    private static List<ProfileStep> steps(String... text) {
        return Arrays.stream(text).map(ProfileStep::parse).toList();
    }
}
