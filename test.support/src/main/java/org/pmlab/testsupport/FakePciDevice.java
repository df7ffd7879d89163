package org.pmlab.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.topology.api.DeviceSpec;

/**
 * A PCI function for tests of a layer that reads devices without a PCI core behind them (the
 * firmware models): its description, its place below an upstream bridge, and every live fact
 * as a field the test sets. It has no runtime PM device and no configuration registers: those
 * belong to a real machine, and asking for them throws.
 */
public final class FakePciDevice implements PciDevice {
    private final DeviceSpec spec;
    private final FakePciDevice upstream;
    private final List<PciDevice> subordinates = new CopyOnWriteArrayList<>();

    public volatile PowerState currentState = PowerState.D0;
    public volatile boolean d3coldAllowed = true;
    public volatile boolean noD3cold;
    public volatile boolean bridgeD3;
    public volatile boolean wakeupCapable;
    public volatile boolean wakeupEnabled;
    public volatile boolean resetSupported;
    public volatile int enableCount;
    public volatile String driver;
    public volatile String driverOverride;

    /** A function below {@code upstream} ({@code null} on the root bus); it joins the upstream's subordinates. */
    public FakePciDevice(DeviceSpec spec, FakePciDevice upstream) {
        this.spec = spec;
        this.upstream = upstream;
        if (upstream != null) {
            upstream.subordinates.add(this);
        }
    }

    @Override
    public Bdf bdf() {
        return spec.bdf();
    }

    @Override
    public DeviceSpec spec() {
        return spec;
    }

    @Override
    public PmDevice pm() {
        throw new UnsupportedOperationException(bdf() + " is a fake PCI function: it has no runtime PM device");
    }

    @Override
    public PowerState currentState() {
        return currentState;
    }

    @Override
    public Optional<PciDevice> upstreamBridge() {
        return Optional.ofNullable(upstream);
    }

    @Override
    public List<PciDevice> subordinates() {
        return List.copyOf(subordinates);
    }

    @Override
    public boolean isBridge() {
        return spec.isBridge();
    }

    @Override
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
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
        return wakeupCapable;
    }

    @Override
    public boolean wakeupEnabled() {
        return wakeupEnabled;
    }

    @Override
    public int enableCount() {
        return enableCount;
    }

    @Override
    public boolean resetSupported() {
        return resetSupported;
    }

    @Override
    public boolean isVirtfn() {
        return false;
    }

    @Override
    public Optional<PciDevice> physfn() {
        return Optional.empty();
    }

    @Override
    public int numVfs() {
        return 0;
    }

    @Override
    public ConfigRegisters config() {
        throw new UnsupportedOperationException(bdf() + " is a fake PCI function: it has no configuration registers");
    }

    @Override
    public String toString() {
        return bdf().toString();
    }
}
