package org.pmlab.pci.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Optional;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pm.internal.NamedOwner;
import org.pmlab.pm.internal.RpmDevice;
import org.pmlab.sim.internal.EmbeddedMutex;
import org.pmlab.topology.api.DeviceSpec;

/** {@code struct pci_dev}: one function, its PM capability state and its binding. */
@Kernel(file = "drivers/pci/pci.c")
public final class PciDev extends EmbeddedMutex implements PciDevice, NamedOwner {
    private static final long serialVersionUID = 1L;
    private static final VarHandle ENABLE_CNT;

    static {
        try {
            ENABLE_CNT = MethodHandles.lookup().findVarHandle(PciDev.class, "enableCnt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Bdf bdf;
    final DeviceSpec spec;
    final PciDev bridge;
    RpmDevice pm;
    final ConfigSpace config;
    static final PciDev[] NONE = new PciDev[0];
    /** Devices on the secondary bus of a bridge, in address order; replaced, never changed in place. */
    volatile PciDev[] subordinates = NONE;
    /**
     * A VF's PF ({@code physfn}), or a PF's VFs in creation order (an array replaced, never changed
     * in place), or null: no function is both, so one field holds either.
     */
    private volatile Object sriovLink;

    private static final PowerState[] POWER_STATES = PowerState.values();
    /** {@code current_state}, as the ordinal of its {@link PowerState}: a byte where a reference took four. */
    private volatile byte currentState = (byte) PowerState.UNKNOWN.ordinal();
    volatile boolean d3coldAllowed;
    volatile boolean noD3cold;
    volatile boolean bridgeD3;
    /** {@code power.can_wakeup}: the {@code power/wakeup} group exists. */
    volatile boolean canWakeup;
    /** {@code power.wakeup}: the attached wakeup source, or null. */
    volatile DeviceWakeup.Source wakeup;
    /** {@code enable_cnt}, an atomic_t. */
    private volatile int enableCnt;
    volatile boolean stateSaved;
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
    /** {@code d3hot_delay} and {@code d3cold_delay}: the defaults of pci_pm_init, no quirk changes them. */
    static final int D3HOT_DELAY_MS = 10;
    static final int D3COLD_DELAY_MS = 100;

    PciDev(DeviceSpec spec, PciDev bridge, PciDev physfn) {
        this(spec.bdf(), spec, bridge, physfn);
    }

    /**
     * @param spec the function's facts; for a VF the spec all VFs of its PF share (every fact but
     *     the address and the label is the same), so a thousand VFs do not hold a thousand copies
     */
    PciDev(Bdf bdf, DeviceSpec spec, PciDev bridge, PciDev physfn) {
        this.bdf = bdf;
        this.spec = spec;
        this.bridge = bridge;
        this.sriovLink = physfn;
        this.config = new ConfigSpace(this);
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
        PciDev pf = pf();
        return pf == null ? spec : Sriov.vfSpec(pf, bdf); // a VF's own, made when asked
    }

    @Override
    public RpmDevice pm() {
        return pm;
    }

    @Override
    public PowerState currentState() {
        return POWER_STATES[currentState];
    }

    void setCurrentState(PowerState s) {
        currentState = (byte) s.ordinal();
    }

    /** {@code pdev->physfn}: the PF of a VF, else null. */
    PciDev pf() {
        return sriovLink instanceof PciDev pf ? pf : null;
    }

    /** The VFs of a PF (none for any other function). */
    PciDev[] vfs() {
        return sriovLink instanceof PciDev[] v ? v : NONE;
    }

    /** Replaces a PF's VFs. */
    void setVfs(PciDev[] vfs) {
        sriovLink = vfs.length == 0 ? null : vfs;
    }

    @Override
    public Optional<PciDevice> upstreamBridge() {
        return Optional.ofNullable(bridge);
    }

    @Override
    public List<PciDevice> subordinates() {
        return List.of(subordinates);
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
        return enableCnt;
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
        return pf() != null;
    }

    @Override
    public Optional<PciDevice> physfn() {
        return Optional.ofNullable(pf());
    }

    @Override
    public int numVfs() {
        return vfs().length;
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

    /** {@code to_pci_dev}: the function a PCI device's runtime PM device belongs to. */
    static PciDev of(org.pmlab.pm.api.PmDevice d) {
        return (PciDev) ((RpmDevice) d).owner();
    }

    /** {@code device_lock}: the lock is built into the function ({@link EmbeddedMutex}). */
    void lockDevice() {
        mutexLock();
    }

    void unlockDevice() {
        mutexUnlock();
    }

    boolean tryLockDevice() {
        return mutexTryLock();
    }

    boolean deviceLockHeld() {
        return mutexHeldByCurrentThread();
    }

    /** {@code atomic_inc_return(&enable_cnt)}. */
    int enableCntInc() {
        return (int) ENABLE_CNT.getAndAdd(this, 1) + 1;
    }

    /** {@code atomic_dec_return(&enable_cnt)}. */
    int enableCntDec() {
        return (int) ENABLE_CNT.getAndAdd(this, -1) - 1;
    }

    /** {@code pci_name}: the address as text, the device's name everywhere. */
    String name() {
        return bdf.toString();
    }

    /** The runtime PM device's name is the function's: {@code dev_set_name(&dev->dev, "%04x:%02x:%02x.%d")}. */
    @Kernel(value = "pci_setup_device", file = "drivers/pci/probe.c")
    @Override
    public String deviceName() {
        return bdf.toString();
    }

    /**
     * {@link String#hashCode()} of the address text, digit by digit: the registry hashes every
     * function's name on each lookup and growth, which would otherwise make a string each time.
     */
    @Override
    public int deviceNameHash() {
        return nameHash(bdf);
    }

    /** {@code bdf.toString().hashCode()}, without the string. */
    static int nameHash(Bdf bdf) {
        int h = hexHash(0, bdf.domain(), 4);
        h = 31 * h + ':';
        h = hexHash(h, bdf.bus(), 2);
        h = 31 * h + ':';
        h = hexHash(h, bdf.device(), 2);
        h = 31 * h + '.';
        return hexHash(h, bdf.function(), 1);
    }

    private static int hexHash(int h, int value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            h = 31 * h + Character.forDigit(value >> 4 * i & 0xf, 16);
        }
        return h;
    }

    /** How the kernel prefixes this device's messages: the driver or bus name, then the BDF. */
    @Override
    public String logPrefix() {
        PciDriver d = driver;
        return (d == null ? "pci" : d.name()) + " " + bdf;
    }

    @Override
    public String busName() {
        return "pci";
    }

    @Override
    public String toString() {
        return bdf.toString();
    }

    /** A copy of the address-ordered array with the device in its place. */
    static PciDev[] insertSorted(PciDev[] list, PciDev dev) {
        int i = 0;
        while (i < list.length && list[i].bdf.compareTo(dev.bdf) < 0) {
            i++;
        }
        PciDev[] out = new PciDev[list.length + 1];
        System.arraycopy(list, 0, out, 0, i);
        out[i] = dev;
        System.arraycopy(list, i, out, i + 1, list.length - i);
        return out;
    }

    static PciDev[] appended(PciDev[] list, PciDev dev) {
        PciDev[] out = java.util.Arrays.copyOf(list, list.length + 1);
        out[list.length] = dev;
        return out;
    }

    /** A copy without the device (the same array when it is not there). */
    static PciDev[] without(PciDev[] list, PciDev dev) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == dev) {
                if (list.length == 1) {
                    return NONE;
                }
                PciDev[] out = new PciDev[list.length - 1];
                System.arraycopy(list, 0, out, 0, i);
                System.arraycopy(list, i + 1, out, i, list.length - i - 1);
                return out;
            }
        }
        return list;
    }
}
