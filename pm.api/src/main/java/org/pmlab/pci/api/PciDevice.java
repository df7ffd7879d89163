package org.pmlab.pci.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.topology.api.DeviceSpec;

/** One PCI function of a machine ({@code struct pci_dev}): its description and live state. */
@ProviderType
public interface PciDevice {
    Bdf bdf();

    /** The hardware description it was enumerated from (a VF's is derived from its PF). */
    DeviceSpec spec();

    /** Its runtime PM device (named by the BDF). */
    PmDevice pm();

    /** {@code current_state}: what {@code power_state} shows. */
    PowerState currentState();

    /** The bridge above it ({@code pci_upstream_bridge}); empty on the root bus. */
    Optional<PciDevice> upstreamBridge();

    /** Functions on its secondary bus (for a bridge), in address order. */
    List<PciDevice> subordinates();

    /** Has a secondary bus (root, upstream and downstream ports). */
    boolean isBridge();

    /** The bound driver's name. */
    Optional<String> driver();

    /** {@code driver_override}. */
    Optional<String> driverOverride();

    boolean d3coldAllowed();

    boolean noD3cold();

    /** {@code bridge_d3}: the cached verdict that this bridge may go to D3. */
    boolean bridgeD3();

    /**
     * {@code device_can_wakeup}: {@code power/wakeup} exists. Set by PCI PM init for a function
     * that signals PME, by the PCIe PME service for root ports and everything below them, and by
     * drivers ({@code device_init_wakeup}).
     */
    boolean wakeupCapable();

    /** {@code device_may_wakeup}: {@code power/wakeup} reads "enabled". */
    boolean wakeupEnabled();

    /**
     * {@code power/wakeup_last_time_ms}: when the wakeup source was registered (there are no
     * wake-up events in the model); empty while none is attached (the file reads empty).
     *
     * @since 1.1
     */
    default java.util.OptionalLong wakeupLastTimeMs() {
        return java.util.OptionalLong.empty();
    }

    /** {@code enable_cnt}. */
    int enableCount();

    /** {@code pci_reset_supported}: a function reset method exists (the {@code reset} attribute is shown). */
    boolean resetSupported();

    boolean isVirtfn();

    Optional<PciDevice> physfn();

    /** Number of enabled VFs ({@code pci_num_vf}) of a PF; 0 otherwise. */
    int numVfs();

    /**
     * {@code pci_dev_is_disconnected}: the PCI core gave up on the function (a bridge above it
     * found it did not come back); config accessors refuse it from then on.
     */
    default boolean disconnected() {
        return false;
    }

    /** The configuration registers as the device holds them now. */
    ConfigRegisters config();
}
