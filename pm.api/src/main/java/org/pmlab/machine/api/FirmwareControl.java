package org.pmlab.machine.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.firmware.api.PlatformPm;

/** The firmware slot of one machine: which platform model answers the PCI layer's hooks. */
@ProviderType
public interface FirmwareControl {
    /** The name {@link #activeName()} gives, and {@code fw:use} takes, for no firmware: native PCI PM. */
    String NATIVE = "native";

    /** The bound firmware's name, or "native" when none is bound. */
    String activeName();

    /** The bound firmware's hooks for this machine; empty means native PCI PM. */
    Optional<PlatformPm> ops();

    /**
     * Swaps the firmware live ({@code null}: to native PCI PM). Devices the old firmware powered
     * down are resumed through it, the new one is attached, and idle devices are asked to idle
     * again so they settle under it. Usage counts do not change. Returns the number of devices
     * that were brought back.
     */
    int swap(PlatformFirmware next);
}
