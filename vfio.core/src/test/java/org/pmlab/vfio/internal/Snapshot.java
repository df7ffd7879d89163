package org.pmlab.vfio.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.firmware.api.PowerResourceView;
import org.pmlab.hw.api.PowerState;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.PmInfo;

/** What a machine at rest shows of every device and power resource, to compare with a fresh one. */
record Snapshot(List<String> devices, List<String> resources, String firmware) {

    static Snapshot of(Machine m) {
        List<String> devices = new ArrayList<>();
        for (PciDevice d : m.pci().devices()) {
            PmInfo i = d.pm().info();
            // "unknown" is a function nobody has powered yet: it is on, as D0 is; a swap's resume turns one into D0
            String state = d.currentState() == PowerState.UNKNOWN ? PowerState.D0.label() : d.currentState().label();
            devices.add(d.bdf() + " " + d.driver().orElse("-") + " " + state + " "
                    + i.runtimeStatus() + " usage " + i.usageCount() + " kids " + i.activeKids() + " error "
                    + i.runtimeError());
        }
        List<String> resources = new ArrayList<>();
        for (PowerResourceView p : m.firmware().ops().map(o -> o.powerResources()).orElse(List.of())) {
            resources.add(p.name() + " " + (p.on() ? "on" : "off") + " refs " + p.refCount() + " " + p.users());
        }
        return new Snapshot(devices, resources, m.firmware().activeName());
    }

    @Override
    public String toString() {
        return "firmware " + firmware + "\n  " + String.join("\n  ", devices) + "\n  " + String.join("\n  ", resources);
    }
}
