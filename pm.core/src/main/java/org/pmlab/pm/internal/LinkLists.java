package org.pmlab.pm.internal;

/**
 * {@code dev->links}: the links to a device's suppliers and from its consumers, and
 * {@code power.links_count}. A device gets one only when its first link is added, so devices
 * without links pay one null reference. The arrays are replaced, never changed, under the
 * machine's links lock, so runtime PM walks them without it (as the kernel walks them under SRCU).
 */
final class LinkLists {

    static final DeviceLink[] NONE = new DeviceLink[0];

    /** {@code links.suppliers}: links where this device is the consumer, oldest first. */
    volatile DeviceLink[] suppliers = NONE;
    /** {@code links.consumers}: links where this device is the supplier, oldest first. */
    volatile DeviceLink[] consumers = NONE;
    /** {@code power.links_count}: this device's links to suppliers that carry DL_FLAG_PM_RUNTIME. */
    int linksCount;

    static DeviceLink[] with(DeviceLink[] list, DeviceLink link) {
        DeviceLink[] n = java.util.Arrays.copyOf(list, list.length + 1);
        n[list.length] = link;
        return n;
    }

    static DeviceLink[] without(DeviceLink[] list, DeviceLink link) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == link) {
                if (list.length == 1) {
                    return NONE;
                }
                DeviceLink[] n = new DeviceLink[list.length - 1];
                System.arraycopy(list, 0, n, 0, i);
                System.arraycopy(list, i + 1, n, i, list.length - i - 1);
                return n;
            }
        }
        return list;
    }
}
