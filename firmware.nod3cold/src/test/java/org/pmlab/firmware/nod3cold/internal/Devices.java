package org.pmlab.firmware.nod3cold.internal;

import java.util.List;
import java.util.Set;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PmCapability;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.PowerState;
import org.pmlab.testsupport.FakePciDevice;
import org.pmlab.topology.api.AcpiDeviceSpec;
import org.pmlab.topology.api.DeviceSpec;

/** The functions these tests hand the firmware: their topology entries even describe ACPI companions. */
final class Devices {
    private Devices() {
    }

    /** An endpoint whose topology entry even has a full ACPI companion with _PR3. */
    static FakePciDevice endpointWithAcpi() {
        AcpiDeviceSpec acpi = new AcpiDeviceSpec("\\_SB.PCI0.RP01.PXSX", true, true, false, List.of("PSLT"),
                List.of("PSLT"), null, true, false, false);
        return wakeCapable(new FakePciDevice(new DeviceSpec(Bdf.parse("0000:01:00.0"), Bdf.parse("0000:00:01.0"),
                0x030200, 0x10de, 0x1234, PortType.ENDPOINT,
                new PmCapability(false, false, false, Set.of(PowerState.D3HOT)), null, HotplugKind.NONE, false, true,
                false, acpi, null, "GPU"), null));
    }

    static FakePciDevice hotplugRootPort() {
        AcpiDeviceSpec acpi = new AcpiDeviceSpec("\\_SB.PCI0.RP01", true, true, false, List.of("PSLT"),
                List.of("PSLT"), 4, true, true, false);
        return wakeCapable(new FakePciDevice(new DeviceSpec(Bdf.parse("0000:00:01.0"), null, 0x060400, 0x8086, 0x1234,
                PortType.ROOT_PORT, PmCapability.basic(false), null, HotplugKind.NATIVE, true, false, false, acpi, null,
                "root port"), null));
    }

    private static FakePciDevice wakeCapable(FakePciDevice d) {
        d.wakeupCapable = true;
        return d;
    }
}
