package org.pmlab.pci.api;

import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.PowerState;

/** The PCI core functions of one machine that drivers call (drivers/pci/pci.c, iov.c). */
@ProviderType
public interface PciCore {
    /** {@code pci_set_power_state}. */
    int setPowerState(PciDevice dev, PowerState state);

    /** {@code pci_enable_device}. */
    int enableDevice(PciDevice dev);

    /** {@code pci_disable_device}. */
    void disableDevice(PciDevice dev);

    /** {@code pci_save_state}. */
    int saveState(PciDevice dev);

    /** {@code pci_restore_state}: restores a saved state, if any. */
    void restoreState(PciDevice dev);

    /** {@code pci_store_saved_state}: a copy of the saved state, or {@code null} if none. */
    SavedState storeSavedState(PciDevice dev);

    /** {@code pci_load_saved_state}: makes {@code state} the saved state ({@code null} clears it). */
    int loadSavedState(PciDevice dev, SavedState state);

    /** {@code pci_try_reset_function}. */
    int tryResetFunction(PciDevice dev);

    /** {@code __pci_reset_function_locked}. */
    int resetFunctionLocked(PciDevice dev);

    /** {@code pci_probe_reset_slot}: 0 if a slot reset is possible. */
    int probeResetSlot(PciDevice dev);

    /** {@code pci_probe_reset_bus}: 0 if a bus (or slot) reset is possible. */
    int probeResetBus(PciDevice dev);

    /** {@code pci_reset_bus}: resets the slot or bus the device is on. */
    int resetBus(PciDevice dev);

    /** {@code pci_clear_master}. */
    void clearMaster(PciDevice dev);

    /** Writes the Command register. */
    void writeCommand(PciDevice dev, int command);

    /** Reads PMCSR. */
    int readPmcsr(PciDevice dev);

    /** {@code pci_enable_sriov}: creates VFs as siblings of the PF. */
    int enableSriov(PciDevice pf, int numVfs);

    /** {@code pci_disable_sriov}. */
    void disableSriov(PciDevice pf);

    /** {@code pci_dev_trylock}: false when another holder (or this thread already) has the device lock. */
    boolean deviceTrylock(PciDevice dev);

    /** {@code device_lock}: waits for the device lock (a sysfs store holds it). */
    void deviceLock(PciDevice dev);

    /** {@code pci_dev_unlock} / {@code device_unlock}. */
    void deviceUnlock(PciDevice dev);

    /** {@code pci_bridge_d3_possible}. */
    boolean bridgeD3Possible(PciDevice bridge);

    /** {@code pci_d3cold_enable}. */
    void d3coldEnable(PciDevice dev);

    /** {@code pci_d3cold_disable}. */
    void d3coldDisable(PciDevice dev);
}
