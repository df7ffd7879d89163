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

    /** Whether {@code name} selects no firmware: {@link #NATIVE}, or "none" as the launcher also accepts. */
    static boolean isNative(String name) {
        return NATIVE.equals(name) || "none".equals(name);
    }

    /**
     * The {@code firmware.target} filter (Config Admin PID {@link Lab#PLATFORM_PID}) that selects
     * the firmware named {@code name}, or none for a {@linkplain #isNative native} name. The name
     * is escaped as an LDAP filter value, so a name such as {@code *} matches no firmware instead
     * of every one.
     */
    static String targetFilter(String name) {
        if (isNative(name)) {
            return "(!(" + PlatformFirmware.NAME + "=*))";
        }
        StringBuilder sb = new StringBuilder("(").append(PlatformFirmware.NAME).append('=');
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                sb.append('\\'); // OSGi Core 3.2.7: these are escaped with a backslash
            }
            sb.append(c);
        }
        return sb.append(')').toString();
    }

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
