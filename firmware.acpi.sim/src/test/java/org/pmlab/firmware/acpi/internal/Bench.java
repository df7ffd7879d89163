package org.pmlab.firmware.acpi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pmlab.firmware.api.PlatformPm;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.Fault;
import org.pmlab.testsupport.FakePciDevice;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.PlatformSpec;
import org.pmlab.topology.api.PowerResourceSpec;
import org.pmlab.topology.api.Topology;

/**
 * A machine for one test: a topology built step by step, PCI functions mirroring it, and the
 * acpi-sim firmware attached to it.
 */
final class Bench {
    static final String RP = "0000:00:01.0";
    static final String EP = "0000:01:00.0";

    private final List<PowerResourceSpec> resources = new ArrayList<>();
    private final List<DeviceSpec> specs = new ArrayList<>();
    private final Map<String, PowerState> initialStates = new HashMap<>();
    private final Map<String, FakePciDevice> devices = new HashMap<>();
    private boolean enumerated = true;
    FakeMachine machine;
    PlatformPm pm;
    final AcpiSimFirmware firmware = new AcpiSimFirmware();

    /** Scenario FW-A: RP and EP both list PSLT in _PR0 and _PR3, with _PS0/_PS3. */
    static Bench fwA() {
        return new Bench().resource("PSLT", true)
                .rootPort(RP, HotplugKind.NONE, Acpi.fwA("\\_SB.PCI0.RP01", "PSLT"))
                .endpoint(EP, RP, Acpi.fwA("\\_SB.PCI0.RP01.PXSX", "PSLT"));
    }

    Bench resource(String name, boolean on) {
        resources.add(new PowerResourceSpec(name, on));
        return this;
    }

    Bench rootPort(String bdf, HotplugKind hotplug, Acpi acpi) {
        return add(bdf, null, PortType.ROOT_PORT, 0x060400, hotplug, acpi);
    }

    Bench port(String bdf, String parent, PortType type, HotplugKind hotplug, Acpi acpi) {
        return add(bdf, parent, type, 0x060400, hotplug, acpi);
    }

    Bench endpoint(String bdf, String parent, Acpi acpi) {
        return add(bdf, parent, PortType.ENDPOINT, 0x030200, HotplugKind.NONE, acpi);
    }

    private Bench add(String bdf, String parent, PortType type, int classCode, HotplugKind hotplug, Acpi acpi) {
        specs.add(new DeviceSpec(Bdf.parse(bdf), parent == null ? null : Bdf.parse(parent), classCode, 0x8086,
                (0x1000 + specs.size()) & 0xffff, type, PmCapability.basic(false), null, hotplug, false, false, false,
                acpi == null ? null : acpi.build(), null, type.word()));
        return this;
    }

    /** The function's {@code current_state} when the firmware attaches. */
    Bench pciState(String bdf, PowerState s) {
        initialStates.put(bdf, s);
        return this;
    }

    /** Attach as at boot, before the PCI bus has any functions. */
    Bench beforeEnumeration() {
        enumerated = false;
        return this;
    }

    Bench attach() {
        Topology topology = new Topology("bench", new PlatformSpec("bench", 2019), resources, specs);
        machine = new FakeMachine(topology);
        for (DeviceSpec s : specs) {
            FakePciDevice up = s.parent() == null ? null : devices.get(s.parent().toString());
            FakePciDevice d = new FakePciDevice(s, up);
            d.currentState = initialStates.getOrDefault(s.bdf().toString(), PowerState.D0);
            devices.put(s.bdf().toString(), d);
            if (enumerated) {
                machine.pciDevices.put(s.bdf(), d);
            }
        }
        pm = firmware.attach(machine);
        return this;
    }

    FakePciDevice dev(String bdf) {
        return devices.get(bdf);
    }

    int setState(String bdf, PowerState s) {
        return pm.setState(dev(bdf), s);
    }

    PowerState getState(String bdf) {
        return pm.getState(dev(bdf));
    }

    PowerState choose(String bdf) {
        return pm.chooseState(dev(bdf));
    }

    /** The recorded ACPI state as {@code fw:show} prints it. */
    String acpiState(String bdf) {
        return pm.deviceStates().get(Bdf.parse(bdf));
    }

    PowerResourceView resource(String name) {
        return pm.powerResources().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no power resource " + name));
    }

    /** What the PCI layer does for runtime suspend into D3cold: PMCSR to D3hot, then ACPI D3cold. */
    int suspendToD3cold(String bdf) {
        dev(bdf).currentState = PowerState.D3HOT;
        int ret = setState(bdf, PowerState.D3COLD);
        if (ret == 0 && getState(bdf) == PowerState.D3COLD) {
            dev(bdf).currentState = PowerState.D3COLD;
        }
        return ret;
    }

    /** What {@code pci_power_up} does: ACPI D0 first, then PMCSR to D0. */
    int resume(String bdf) {
        int ret = setState(bdf, PowerState.D0);
        dev(bdf).currentState = PowerState.D0;
        return ret;
    }

    void fault(String target, String point, int errno, boolean once) {
        machine.faults.add(new Fault(target, point, errno, once));
    }
}
