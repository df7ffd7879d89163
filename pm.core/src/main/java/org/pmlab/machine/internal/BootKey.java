package org.pmlab.machine.internal;

import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;

/** What a boot of the live machine depends on; a change of any of it is a reboot. */
record BootKey(KernelVersion kernel, PciePortPm pciePortPm, String topology, int biosYear) {

    /**
     * @throws IllegalArgumentException naming a setting that cannot be used (an unmodelled kernel)
     */
    static BootKey of(KernelSettings k, PlatformSettings p) {
        return new BootKey(KernelVersion.parse(k.version()), PciePortPm.parse(k.pcie__port__pm()), p.topology().trim(),
                p.bios__year());
    }
}
