package org.pmlab.pm.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code DL_FLAG_*} bits of include/linux/device.h that {@code device_link_add} takes, in
 * the kernel's bit order.
 */
public enum DeviceLinkFlag {
    /** The caller manages the link and deletes it; the driver core does not track drivers. */
    STATELESS,
    /** Remove the link when the consumer's driver unbinds. */
    AUTOREMOVE_CONSUMER,
    /** Runtime PM uses the link: the supplier is resumed before the consumer. */
    PM_RUNTIME,
    /** With {@link #PM_RUNTIME}: resume and reference the supplier when the link is added. */
    RPM_ACTIVE,
    /** Remove the link when the supplier's driver unbinds. */
    AUTOREMOVE_SUPPLIER,
    /** Probe the consumer once the supplier's driver binds. */
    AUTOPROBE_CONSUMER,
    /** Set by the core on every link that is not stateless; not accepted by device_link_add. */
    MANAGED,
    /** The link only orders sync_state(). */
    SYNC_STATE_ONLY,
    /** Inferred from firmware data rather than by a driver. */
    INFERRED,
    /** Part of a dependency cycle (fw_devlink). */
    CYCLE;

    /** {@code BIT(n)}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The kernel's name, {@code DL_FLAG_PM_RUNTIME}. */
    public String kernelName() {
        return "DL_FLAG_" + name();
    }

    /** The flags as the kernel's u32. */
    public static int mask(Set<DeviceLinkFlag> flags) {
        int m = 0;
        for (DeviceLinkFlag f : flags) {
            m |= f.bit();
        }
        return m;
    }

    /** The set a u32 of link flags stands for; bits beyond {@link #CYCLE} are ignored. */
    public static Set<DeviceLinkFlag> of(int mask) {
        EnumSet<DeviceLinkFlag> s = EnumSet.noneOf(DeviceLinkFlag.class);
        for (DeviceLinkFlag f : values()) {
            if ((mask & f.bit()) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    /**
     * Parses {@code pm_runtime}, {@code PM_RUNTIME} or {@code DL_FLAG_PM_RUNTIME}.
     *
     * @throws IllegalArgumentException naming the flags there are
     */
    public static DeviceLinkFlag parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.startsWith("DL_FLAG_")) {
            t = t.substring("DL_FLAG_".length());
        }
        for (DeviceLinkFlag f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        StringBuilder names = new StringBuilder();
        for (DeviceLinkFlag f : values()) {
            if (f != MANAGED) {
                names.append(names.length() == 0 ? "" : ", ").append(f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        throw new IllegalArgumentException("unknown device link flag '" + text + "'; expected one of: " + names);
    }
}
