package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pmlab.annotation.Kernel;
import org.pmlab.firmware.api.FirmwareContext;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.pci.api.PciBus;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pci.api.WhyLine;
import org.pmlab.pm.api.Errno;

/**
 * The simulated ACPI platform of one machine: the PCI platform hooks of drivers/pci/pci-acpi.c
 * ({@code acpi_pci_*}) over the machine's {@link AcpiNamespace}.
 *
 * <p>Lock order: a device's lock, then at most one power resource's lock at a time; never two
 * device locks (the ACPI parent is read without its lock). Trace and event posts are leaf calls.
 */
@Kernel(file = "drivers/pci/pci-acpi.c")
final class AcpiPlatform implements PlatformPm {
    private final AcpiNamespace namespace;
    private final DevicePowerControl control;
    private final SleepStateSelector sleepStates = new SleepStateSelector();
    private final BridgeD3Rules bridgeRules;
    private final WakeupControl wakeup;
    private final Runnable onDetach;
    private final AtomicBoolean detached = new AtomicBoolean();

    private AcpiPlatform(AcpiNamespace namespace, DevicePowerControl control, WakeupControl wakeup, Runnable onDetach) {
        this.namespace = namespace;
        this.control = control;
        this.bridgeRules = new BridgeD3Rules(namespace);
        this.wakeup = wakeup;
        this.onDetach = onDetach;
    }

    /**
     * Builds the namespace from the machine's topology, declares the fault points, initialises
     * every companion parent-first, then turns off resources nobody uses
     * ({@code acpi_turn_off_unused_power_resources}, end of {@code acpi_scan_init}).
     *
     * @param onDetach run once when detached, to withdraw the fault points
     */
    static AcpiPlatform attach(FirmwareContext machine, Runnable onDetach) {
        FirmwareEvents events = new FirmwareEvents(machine);
        AmlMethods aml = new AmlMethods(machine.faults());
        AcpiNamespace namespace = AcpiNamespace.build(machine.topology(), aml, events);
        AcpiFaultPoints.declare(machine.faults(), namespace);
        DevicePowerControl control = new DevicePowerControl(aml, new PowerTransition(events), events);
        PciBus pci = machine.pci();
        for (AcpiDevice dev : namespace.companions()) {
            Optional<PowerState> pciState = pci == null ? Optional.empty()
                    : pci.find(dev.bdf()).map(PciDevice::currentState);
            control.attach(dev, pciState);
        }
        List<PowerResource> resources = List.copyOf(namespace.resources());
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).turnOffIfUnused();
        }
        return new AcpiPlatform(namespace, control, new WakeupControl(namespace, events), onDetach);
    }

    /** {@code acpi_pci_power_manageable}. */
    @Kernel("acpi_pci_power_manageable")
    @Override
    public boolean powerManageable(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        return adev != null && adev.manageable();
    }

    /**
     * {@code acpi_pci_set_power_state}. Not modelled: PM QoS NO_POWER_OFF (-EBUSY for D3cold;
     * pmlab has no PM QoS) and the {@code _REG} config-space notifications (no topology has them).
     */
    @Kernel("acpi_pci_set_power_state")
    @Override
    public int setState(PciDevice dev, PowerState state) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev == null || adev.spec().ej0()) {
            return Errno.ENODEV.negative();
        }
        AcpiState acpi = AcpiState.ofPci(state);
        if (acpi == null) {
            return Errno.EINVAL.negative();
        }
        return control.setPower(adev, acpi);
    }

    /** {@code acpi_pci_get_power_state}: the cached state, not re-evaluated. */
    @Kernel("acpi_pci_get_power_state")
    @Override
    public PowerState getState(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev == null || !adev.manageable()) {
            return PowerState.UNKNOWN;
        }
        return adev.state().toPci();
    }

    /**
     * Power is there when every resource the companion needs for D0 is on, even if {@code _PS0}
     * failed after {@code acpi_power_transition} turned them on (the recorded state then still
     * says the old one). Without resources, the recorded state decides.
     */
    @Override
    public boolean supplies(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev != null && adev.manageable() && adev.usesPowerResources()) {
            List<PowerResource> d0 = adev.resources(AcpiState.D0);
            if (!d0.isEmpty()) {
                return d0.stream().allMatch(PowerResource::isOn);
            }
        }
        return getState(dev) != PowerState.D3COLD;
    }

    /** {@code acpi_pci_refresh_power_state}. */
    @Kernel("acpi_pci_refresh_power_state")
    @Override
    public void refreshState(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev != null && adev.manageable()) {
            control.updatePower(adev);
        }
    }

    /** {@code acpi_pci_choose_state}: D3hot at most when {@code no_d3cold} or {@code !d3cold_allowed}. */
    @Kernel("acpi_pci_choose_state")
    @Override
    public PowerState chooseState(PciDevice dev) {
        AcpiState dMax = dev.noD3cold() || !dev.d3coldAllowed() ? AcpiState.D3HOT : AcpiState.D3COLD;
        int state = sleepStates.deepestState(namespace.companion(dev.bdf()), dMax, null);
        return state < 0 ? PowerState.ERROR : AcpiState.ofValue(state).toPci();
    }

    @Override
    public String manageableReason(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev == null) {
            return "no ACPI companion";
        }
        if (adev.manageable()) {
            return adev.spec().path() + (adev.spec().ps0() ? " has _PS0" : " has _PR0 " + adev.spec().pr0());
        }
        return adev.spec().path() + (adev.spec().powerManageable() ? " failed acpi_bus_init_power" : " has neither _PS0 nor _PR0");
    }

    @Override
    public List<WhyLine> chooseStateReasons(PciDevice dev) {
        List<WhyLine> why = new ArrayList<>();
        String cap = dev.noD3cold() ? "no_d3cold=1 -> deepest D3hot"
                : !dev.d3coldAllowed() ? "d3cold_allowed=0 -> deepest D3hot" : "d3cold_allowed=1 -> deepest D3cold";
        why.add(WhyLine.of("acpi_pci_choose_state", cap));
        AcpiState dMax = dev.noD3cold() || !dev.d3coldAllowed() ? AcpiState.D3HOT : AcpiState.D3COLD;
        AcpiDevice adev = namespace.companion(dev.bdf());
        int state = sleepStates.deepestState(adev, dMax, why);
        if (state == AcpiState.D3COLD.value() && !adev.isValid(AcpiState.D3COLD)) {
            why.add(WhyLine.of("acpi_device_set_power", "D3cold not valid for " + adev.spec().path()
                    + " (it needs both _PR0 and _PR3 lists) -> records D3hot, main power stays on"));
        }
        return why;
    }

    @Override
    public WhyLine bridgeD3Reason(PciDevice bridge) {
        return bridgeRules.reason(bridge);
    }

    @Override
    public List<PowerResourceView> resourcesOf(PciDevice dev) {
        AcpiDevice adev = namespace.companion(dev.bdf());
        if (adev == null) {
            return List.of();
        }
        return adev.resources(AcpiState.D0).stream().map(PowerResource::view).toList();
    }

    /** {@code acpi_pci_wakeup}. */
    @Kernel("acpi_pci_wakeup")
    @Override
    public int setWakeup(PciDevice dev, boolean enable) {
        return wakeup.setWakeup(dev, enable);
    }

    /** {@code acpi_pci_need_resume}. */
    @Kernel("acpi_pci_need_resume")
    @Override
    public boolean needResume(PciDevice dev) {
        return wakeup.needResume(dev);
    }

    /** {@code acpi_pci_bridge_d3}. */
    @Kernel("acpi_pci_bridge_d3")
    @Override
    public boolean bridgeD3(PciDevice bridge) {
        return bridgeRules.bridgeD3(bridge);
    }

    /** Withdraws the fault points; the ACPI objects stay as they are, as firmware would. */
    @Override
    public void detach() {
        if (detached.compareAndSet(false, true)) {
            onDetach.run();
        }
    }

    @Override
    public List<PowerResourceView> powerResources() {
        return namespace.resources().stream().map(PowerResource::view).toList();
    }

    @Override
    public Map<Bdf, String> deviceStates() {
        Map<Bdf, String> states = new LinkedHashMap<>();
        for (AcpiDevice dev : namespace.companions()) {
            states.put(dev.bdf(), dev.state().label());
        }
        return Collections.unmodifiableMap(states);
    }
}
