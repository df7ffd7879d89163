package org.pmlab.pci.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.topology.api.DeviceSpec;

/** {@code struct pci_dev}: one function, its PM capability state and its binding. */
@Kernel(file = "drivers/pci/pci.c")
public final class PciDev implements PciDevice {

    final Bdf bdf;
    final DeviceSpec spec;
    final PciDev bridge;
    final PciDev physfn;
    RpmDevice pm;
    final ConfigSpace config;
    /** Devices on the secondary bus of a bridge, in address order. */
    final List<PciDev> subordinates = new CopyOnWriteArrayList<>();
    final List<PciDev> vfs = new CopyOnWriteArrayList<>();
    /** {@code device_lock}. */
    final ReentrantLock deviceLock = new ReentrantLock();

    volatile PowerState currentState = PowerState.UNKNOWN;
    volatile boolean d3coldAllowed;
    volatile boolean noD3cold;
    volatile boolean bridgeD3;
    /** {@code power.can_wakeup}: the {@code power/wakeup} group exists. */
    volatile boolean canWakeup;
    /** {@code power.wakeup}: the attached wakeup source, or null. */
    volatile DeviceWakeup.Source wakeup;
    final AtomicInteger enableCnt = new AtomicInteger();
    volatile boolean stateSaved;
    volatile ConfigRegisters savedState;
    volatile PciDriver driver;
    volatile String driverOverride;
    /** {@code device_is_registered}: between device_add and device_del. */
    volatile boolean registered;
    /** The platform cut this function's power (D3cold); power also needs the bridge above. */
    volatile boolean platformPowerOff;
    /** {@code pci_dev_is_disconnected}. */
    volatile boolean disconnected;
    /** pcieport allowed runtime PM at probe ({@code pci_bridge_d3_possible()} then). */
    volatile boolean portPmAllowedAtProbe;
    /** The function's number in its machine's {@link PowerLedger}. */
    int ledgerIndex;
    /** The reset methods live with the PCI host; set when the function is added. */
    Resets resets;
    final int d3hotDelayMs = 10;
    final int d3coldDelayMs = 100;

    PciDev(DeviceSpec spec, PciDev bridge, PciDev physfn, int[] assignedBars) {
        this.bdf = spec.bdf();
        this.spec = spec;
        this.bridge = bridge;
        this.physfn = physfn;
        boolean hasPm = spec.pm() != null;
        this.config = new ConfigSpace(hasPm, hasPm && spec.pm().noSoftReset(), assignedBars, this);
    }

    boolean hasPmCap() {
        return spec.pm() != null;
    }

    /** Whether the function comes out of reset when its power returns (fault point d3cold_exit says no). */
    boolean comesBack() {
        Resets r = resets;
        return r == null || r.faults().check(bdf.toString(), PciHost.FAULT_D3COLD_EXIT) == 0;
    }

    boolean physicallyPowered() {
        if (platformPowerOff) {
            return false;
        }
        return bridge == null || bridge.physicallyPowered();
    }

    @Override
    public Bdf bdf() {
        return bdf;
    }

    @Override
    public DeviceSpec spec() {
        return spec;
    }

    @Override
    public RpmDevice pm() {
        return pm;
    }

    @Override
    public PowerState currentState() {
        return currentState;
    }

    @Override
    public Optional<PciDevice> upstreamBridge() {
        return Optional.ofNullable(bridge);
    }

    @Override
    public List<PciDevice> subordinates() {
        return new ArrayList<>(subordinates);
    }

    @Override
    public boolean isBridge() {
        return spec.isBridge();
    }

    @Override
    public Optional<String> driver() {
        PciDriver d = driver;
        return d == null ? Optional.empty() : Optional.of(d.name());
    }

    @Override
    public Optional<String> driverOverride() {
        return Optional.ofNullable(driverOverride);
    }

    @Override
    public boolean d3coldAllowed() {
        return d3coldAllowed;
    }

    @Override
    public boolean noD3cold() {
        return noD3cold;
    }

    @Override
    public boolean bridgeD3() {
        return bridgeD3;
    }

    @Override
    public boolean wakeupCapable() {
        return canWakeup;
    }

    @Override
    public boolean wakeupEnabled() {
        return mayWakeup();
    }

    @Override
    public java.util.OptionalLong wakeupLastTimeMs() {
        DeviceWakeup.Source ws = wakeup;
        return ws == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(ws.lastTimeNs() / 1_000_000);
    }

    @Override
    public int enableCount() {
        return enableCnt.get();
    }

    @Override
    public boolean disconnected() {
        return disconnected;
    }

    /** {@code pci_dev_set_disconnected}. */
    void setDisconnected() {
        disconnected = true;
        config.disconnect();
    }


    /** A saved configuration is held ({@code state_saved}); the PCI core's own, not part of the API. */
    boolean stateSaved() {
        return stateSaved;
    }

    @Override
    public boolean resetSupported() {
        return resets.supported(this);
    }

    @Override
    public boolean isVirtfn() {
        return physfn != null;
    }

    @Override
    public Optional<PciDevice> physfn() {
        return Optional.ofNullable(physfn);
    }

    @Override
    public int numVfs() {
        return vfs.size();
    }

    @Override
    public ConfigRegisters config() {
        return config.snapshot();
    }

    /** {@code device_may_wakeup}. */
    @Kernel(value = "device_may_wakeup", file = "include/linux/pm_wakeup.h")
    boolean mayWakeup() {
        return canWakeup && wakeup != null;
    }

    /** {@code pci_pme_capable}. */
    @Kernel("pci_pme_capable")
    boolean pmeCapable(PowerState s) {
        return hasPmCap() && spec.pm().pmeFrom(s);
    }

    /** How the kernel prefixes this device's messages: the driver or bus name, then the BDF. */
    String logName() {
        PciDriver d = driver;
        return (d == null ? "pci" : d.name()) + " " + bdf;
    }

    @Override
    public String toString() {
        return bdf.toString();
    }
}
