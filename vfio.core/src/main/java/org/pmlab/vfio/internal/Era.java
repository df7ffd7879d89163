package org.pmlab.vfio.internal;

import org.pmlab.sim.api.KernelVersion;

/**
 * The three generations of vfio_pci_core's power management (drivers/vfio/pci/vfio_pci_core.c), chosen by
 * the machine's kernel. Each method names one difference, so a reader finds the version rule
 * where it is applied.
 */
enum Era {
    /** Before the seed patch (≤ 5.18): direct D0/D3hot through PMCSR, runtime PM left forbidden. */
    LEGACY,
    /** The seed patch as merged (5.19, 6.0): runtime PM with an empty dev_pm_ops. */
    RUNTIME_PM,
    /** 6.1+: runtime callbacks, low-power features, every device access wrapped in get/put. */
    LOW_POWER;

    static Era of(KernelVersion kernel) {
        if (kernel.before(KernelVersion.V5_19)) {
            return LEGACY;
        }
        return kernel.before(KernelVersion.V6_1) ? RUNTIME_PM : LOW_POWER;
    }

    /** Register allows runtime PM and drops the probe reference; open/close take and drop one. */
    boolean usesRuntimePm() {
        return this != LEGACY;
    }

    /** {@code vfio_pci_core_pm_ops} has runtime suspend/resume callbacks. */
    boolean hasRuntimeCallbacks() {
        return this == LOW_POWER;
    }

    /** Device ioctls and region accesses resume the device around the access ({@code vfio_device_fops_unl_ioctl}, {@code vfio_pci_rw}). */
    boolean wrapsDeviceAccess() {
        return this == LOW_POWER;
    }

    /** {@code VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY}/{@code EXIT} exist. */
    boolean hasLowPowerFeature() {
        return this == LOW_POWER;
    }

    /** try_reset takes and drops dev_set references even with {@code disable_idle_d3} ({@code vfio_pci_dev_set_try_reset}). */
    boolean tryResetAlwaysTakesPm() {
        return this == LOW_POWER;
    }

    /** Hot reset resumes and references every member and brings each to D0 first ({@code vfio_pci_dev_set_hot_reset}). */
    boolean hotResetTakesPm() {
        return this == LOW_POWER;
    }

    /** Closing starts with low-power exit, a resume and D0 ({@code vfio_pci_core_close_device}). */
    boolean disableStartsInD0() {
        return this == LOW_POWER;
    }

    /** {@code VFIO_DEVICE_RESET} brings the device to D0 under {@code memory_lock} first ({@code vfio_pci_ioctl_reset}). */
    boolean deviceResetGoesToD0() {
        return this == LOW_POWER;
    }

    /** {@code vfio_pci_set_power_state} refuses D1..D3 for a PF with {@code sriov_active} (6.1.192). */
    boolean guardsSriovPowerState() {
        return this == LOW_POWER;
    }

    /** SR-IOV enable brings the PF to D0 under {@code memory_lock} and sets {@code sriov_active} ({@code vfio_pci_core_sriov_configure}). */
    boolean sriovEnableUnderMemoryLock() {
        return this == LOW_POWER;
    }

    /**
     * The vfio core calls close_device while the device's open count is still 1 and
     * needs_reset asks whether any other device of the set is open (6.1); before, the count
     * was dropped first and any open device blocked the reset ({@code vfio_pci_dev_set_needs_reset}).
     */
    boolean closesBeforeCountDrop() {
        return this == LOW_POWER;
    }

    /** PMCSR writes from the user take {@code memory_lock} ({@code vfio_lock_and_set_power_state}, 5.19+). */
    boolean locksPmcsrWrites() {
        return this != LEGACY;
    }

    /** BAR access is refused while the device is in D3hot or deeper (5.19 "block access in D3hot"). */
    boolean blocksBarAccessInD3() {
        return this != LEGACY;
    }
}
