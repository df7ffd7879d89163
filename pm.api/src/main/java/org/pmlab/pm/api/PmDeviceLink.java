package org.pmlab.pm.api;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A device link ({@code struct device_link}, drivers/base/core.c): the consumer depends on the
 * supplier. With {@link DeviceLinkFlag#PM_RUNTIME} the supplier is resumed before the consumer
 * and may suspend only after it. A snapshot-free view: every call reads the live link.
 */
@ProviderType
public interface PmDeviceLink {
    PmDevice supplier();

    PmDevice consumer();

    /** The link's flags, including {@link DeviceLinkFlag#MANAGED} when the core manages it. */
    Set<DeviceLinkFlag> flags();

    DeviceLinkState status();

    /**
     * {@code rpm_active}: 1 plus the supplier references this link holds for its consumer
     * (taken when the consumer resumes, or by {@link DeviceLinkFlag#RPM_ACTIVE}).
     */
    int rpmActive();

    /** The references {@code device_link_add} handed out for a stateless link ({@code kref}). */
    int refs();

    /** The link is still in the graph (not yet deleted). */
    boolean live();

    /** The name of its devlink device, {@code pci:0000:03:00.0--pci:0000:03:00.1}. */
    String name();

    /** {@code auto_remove_on}: "supplier unbind", "consumer unbind" or "never". */
    default String autoRemoveOn() {
        Set<DeviceLinkFlag> f = flags();
        if (f.contains(DeviceLinkFlag.AUTOREMOVE_SUPPLIER)) {
            return "supplier unbind";
        }
        if (f.contains(DeviceLinkFlag.AUTOREMOVE_CONSUMER)) {
            return "consumer unbind";
        }
        return "never";
    }
}
