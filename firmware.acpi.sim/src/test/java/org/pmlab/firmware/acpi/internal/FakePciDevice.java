package org.pmlab.firmware.acpi.internal;

import java.util.List;
import java.util.Optional;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.ConfigRegisters;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmDevice;
import org.pmlab.topology.api.DeviceSpec;

/** A PCI function with settable PM facts; what the firmware never reads throws. */
final class FakePciDevice implements PciDevice {
    private final DeviceSpec spec;
    private final FakePciDevice upstream;
    volatile PowerState currentState = PowerState.D0;
    volatile boolean d3coldAllowed = true;
    volatile boolean noD3cold;
    volatile boolean wakeupCapable;
    volatile boolean wakeupEnabled;

    FakePciDevice(DeviceSpec spec, FakePciDevice upstream) {
        this.spec = spec;
        this.upstream = upstream;
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
    public PowerState currentState() {
        return currentState;
    }

    @Override
    public Optional<PciDevice> upstreamBridge() {
        return Optional.ofNullable(upstream);
    }

    @Override
    public boolean isBridge() {
        return spec.isBridge();
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
    public boolean wakeupCapable() {
        return wakeupCapable;
    }

    @Override
    public boolean wakeupEnabled() {
        return wakeupEnabled;
    }

    @Override
    public PmDevice pm() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PciDevice> subordinates() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> driver() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> driverOverride() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean bridgeD3() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int enableCount() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean stateSaved() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean resetSupported() {
        return false; // firmware never asks
    }

    @Override
    public boolean isVirtfn() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PciDevice> physfn() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int numVfs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConfigRegisters config() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
        return bdf().toString();
    }
}
