package org.pmlab.vfio.api;

import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;

/**
 * One device bound to vfio-pci at one moment ({@code struct vfio_pci_core_device}).
 *
 * @param devSet the reset domain it belongs to: "dev:DDDD:BB:DD.F" (alone), "slot:DDDD:BB" or "bus:DDDD:BB"
 * @param openCount {@code open_count}: how many times it is open (file descriptors and the mappings that hold them)
 * @param power {@code current_state}, as {@code power_state} shows it
 * @param disableIdleD3 the module parameter as the device took it when it was bound
 * @param needsPmRestore NoSoftRst-: vfio saves its configuration around its own D3hot
 * @param pmIntxMasked the runtime suspend callback masked INTx (6.1+)
 * @param pmRuntimeEngaged the user asked for low power (6.1+)
 * @param sriovActive a PF whose VFs are being enabled or are enabled (6.1+ refuses power changes then)
 * @param pmWakeEventfd low power was entered with a wake-up eventfd that has not been signalled yet
 *        ({@code pm_wake_eventfd_ctx} set, 6.1+)
 */
public record VfioDeviceInfo(Bdf bdf, String devSet, int openCount, boolean needsReset, boolean resetWorks,
        PowerState power, boolean disableIdleD3, boolean needsPmRestore, IrqType irqType, boolean intxMasked,
        boolean pmIntxMasked, boolean pmRuntimeEngaged, boolean sriovActive, boolean pmWakeEventfd) {

    /** The 1.0 form, without the wake-up eventfd (none armed). */
    public VfioDeviceInfo(Bdf bdf, String devSet, int openCount, boolean needsReset, boolean resetWorks,
            PowerState power, boolean disableIdleD3, boolean needsPmRestore, IrqType irqType, boolean intxMasked,
            boolean pmIntxMasked, boolean pmRuntimeEngaged, boolean sriovActive) {
        this(bdf, devSet, openCount, needsReset, resetWorks, power, disableIdleD3, needsPmRestore, irqType, intxMasked,
                pmIntxMasked, pmRuntimeEngaged, sriovActive, false);
    }
}
